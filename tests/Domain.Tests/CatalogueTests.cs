using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Catalogue.RecommendationChangeKind;
using static GuidanceFlow.Domain.Catalogue.RecommendationStrength;

namespace GuidanceFlow.Domain.Tests;

/// <summary>The national catalogue of NICE products: recommendations as published, versions and their changes.</summary>
public class CatalogueTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Importer = new("nice-import", "NICE import", "GuidanceFlow", "Import");

    private static CatalogueRecommendation Rec(string number, string text) => CatalogueRecommendation.From(number, text);

    private static GuidanceDocument Document(DateTimeOffset lastModified, params CatalogueRecommendation[] recommendations) =>
        new("ng136", GuidanceType.NG, "Raised blood pressure in adults", new DateOnly(2019, 8, 28), lastModified, recommendations);

    private static readonly CatalogueRecommendation[] FirstVersion =
    [
        Rec("1.1.1", "Offer ambulatory monitoring to confirm a raised clinic reading. [2019]"),
        Rec("1.1.2", "Consider home monitoring if ambulatory monitoring is not tolerated. [2011, amended 2019]"),
        Rec("1.2.1", "Do not offer a second drug before the first has been titrated. [2019]"),
    ];

    private static GuidanceProduct Published() =>
        RecordGuidanceVersion.Decide(null, new(Document(Now, FirstVersion), "NICE syndication API", Importer), Now)
            .Events.Aggregate((GuidanceProduct?)null, GuidanceProduct.Evolve)!;

    [Theory]
    [InlineData("Offer a statin to adults at high risk. [2019]", "Offer a statin to adults at high risk.", "2019")]
    [InlineData("Refer urgently  if symptoms\n persist. [2004, amended 2011]", "Refer urgently if symptoms persist.", "2004, amended 2011")]
    [InlineData("Advise people to stop smoking. [2008, amended 2019 and 2021]", "Advise people to stop smoking.", "2008, amended 2019 and 2021")]
    [InlineData("Discuss the options with the person.", "Discuss the options with the person.", null)]
    public void The_year_tag_is_kept_apart_from_the_words(string published, string text, string? tag)
    {
        var r = Rec("1.2.3", published);
        Assert.Equal((text, tag), (r.Text, r.YearTag));
    }

    [Theory]
    [InlineData("Offer a statin to adults at high risk.", StrongFor)]
    [InlineData("Refer people with suspected cancer within 2 weeks.", StrongFor)]
    [InlineData("Advise people to keep active.", StrongFor)]
    [InlineData("Do not offer antibiotics for a simple cold.", StrongAgainst)]
    [InlineData("Consider offering a second drug.", Conditional)]
    [InlineData("Commissioners must make the service available.", LegalDuty)]
    [InlineData("Staff must not share the record without consent.", LegalDuty)]
    [InlineData("Be aware that symptoms may differ in older people.", Other)]
    [InlineData("Offer advice and consider a referral.", StrongFor)]
    public void The_strength_comes_from_the_first_word_that_carries_it(string text, RecommendationStrength strength) =>
        Assert.Equal(strength, Rec("1.1", text).Strength);

    [Fact]
    public void A_withdrawn_recommendation_is_marked_and_carries_no_strength()
    {
        var r = Rec("1.3.2", "This recommendation has been withdrawn. [2015]");
        Assert.Equal((true, Other, "2015"), (r.Withdrawn, r.Strength, r.YearTag));
        Assert.False(Rec("1.3.3", "Offer support to carers.").Withdrawn);
    }

    [Theory]
    [InlineData("1.2", true)]
    [InlineData("1.2.3", true)]
    [InlineData("1.6.1.8", true)]
    [InlineData("1", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("1.a", false)]
    [InlineData("1..2", false)]
    public void Recommendation_numbers_have_two_to_four_levels(string number, bool valid) =>
        Assert.Equal(valid, RecommendationNumbers.IsValid(number));

    [Fact]
    public void Numbers_are_ordered_level_by_level()
    {
        string[] numbers = ["1.10", "1.2.10", "1.2", "1.2.9", "1.6.1.8", "1.2.1", "1.9"];
        Assert.Equal(["1.2", "1.2.1", "1.2.9", "1.2.10", "1.6.1.8", "1.9", "1.10"], numbers.Order(RecommendationNumbers.Order));
    }

    [Fact]
    public void The_change_per_recommendation_names_each_kind()
    {
        CatalogueRecommendation[] next =
        [
            Rec("1.1.1", "Offer ambulatory monitoring to confirm a raised clinic reading. [2019]"),
            Rec("1.1.2", "This recommendation has been withdrawn. [2022]"),
            Rec("1.2.2", "Do not offer a second drug before the first has been titrated. [2019]"),
            Rec("1.3.1", "Offer a yearly review of treatment. [2022]"),
        ];
        var changes = RecommendationChanges.Between(FirstVersion, next);
        Assert.Equal([new(Withdrawn, "1.1.2"), new(Renumbered, "1.2.2", "1.2.1"), new RecommendationChange(Added, "1.3.1")], changes);
        Assert.Equal("1 recommendation added, 1 withdrawn, 1 renumbered", RecommendationChanges.Summarise(changes));
    }

    [Fact]
    public void Changed_words_and_a_recommendation_that_disappears_are_told_apart()
    {
        CatalogueRecommendation[] next =
        [
            Rec("1.1.1", "Offer ambulatory monitoring to confirm a raised clinic reading, or home monitoring. [2022]"),
            Rec("1.1.2", "Consider home monitoring if ambulatory monitoring is not tolerated. [2011, amended 2022]"),
        ];
        var changes = RecommendationChanges.Between(FirstVersion, next);
        Assert.Equal([new(TextChanged, "1.1.1"), new(TextChanged, "1.1.2"), new RecommendationChange(Removed, "1.2.1")], changes);
        Assert.Equal("2 recommendations changed, 1 removed", RecommendationChanges.Summarise(changes));
        Assert.Equal("no recommendation changed", RecommendationChanges.Summarise(RecommendationChanges.Between(FirstVersion, FirstVersion)));
    }

    [Fact]
    public void The_first_version_publishes_the_product_in_number_order()
    {
        var shuffled = Document(Now, FirstVersion.Reverse().ToArray());
        var published = Assert.IsType<GuidanceProductPublished>(
            Assert.Single(RecordGuidanceVersion.Decide(null, new(shuffled, "upload", Importer), Now).Events));
        Assert.Equal(("NG136", GuidanceProduct.IdFor("NG136")), (published.GuidanceNumber, published.ProductId));
        Assert.Equal(["1.1.1", "1.1.2", "1.2.1"], published.Recommendations.Select(r => r.Number));
        Assert.Equal(GuidanceProduct.IdFor("ng136 "), GuidanceProduct.IdFor("NG136"));
        Assert.NotEqual(GuidanceProduct.IdFor("NG13"), GuidanceProduct.IdFor("NG136"));
    }

    [Fact]
    public void The_same_document_again_or_an_older_one_records_nothing()
    {
        var product = Published();
        var again = RecordGuidanceVersion.Decide(product, new(Document(Now, FirstVersion), "NICE syndication API", Importer), Now);
        var older = RecordGuidanceVersion.Decide(product, new(Document(Now.AddDays(-3), Rec("1.1", "Offer anything.")), "upload", Importer), Now);
        var touched = RecordGuidanceVersion.Decide(product, new(Document(Now.AddDays(1), FirstVersion), "NICE syndication API", Importer), Now);
        Assert.All(new[] { again, older, touched }, d => Assert.True(d is { IsAccepted: true, Events.Count: 0 }));
    }

    [Fact]
    public void A_new_version_records_its_changes_and_becomes_current()
    {
        var product = Published();
        var next = Document(Now.AddYears(3), [.. FirstVersion, Rec("1.3.1", "Offer a yearly review of treatment. [2022]")]);
        var updated = Assert.IsType<GuidanceProductUpdated>(
            Assert.Single(RecordGuidanceVersion.Decide(product, new(next, "NICE syndication API", Importer), Now).Events));
        Assert.Equal(2, updated.Version);
        Assert.Equal([new RecommendationChange(Added, "1.3.1")], updated.Changes);

        var current = GuidanceProduct.Evolve(product, updated)!;
        Assert.Equal((2, 4, Now.AddYears(3)), (current.Version, current.Recommendations.Count, current.LastModified));
    }

    [Fact]
    public void A_document_that_cannot_be_used_is_refused_with_every_reason()
    {
        var bad = new GuidanceDocument("136", GuidanceType.NG, " ", new DateOnly(2019, 8, 28), Now,
            [Rec("1", "Offer something."), Rec("1.2", "Offer this."), Rec("1.2", "Offer that."), Rec("1.3", " ")]);
        var decision = RecordGuidanceVersion.Decide(null, new(bad, "upload", Importer), Now);
        Assert.False(decision.IsAccepted);
        Assert.Equal(5, RecordGuidanceVersion.Problems(bad).Count());
        Assert.Contains("'136' is not a NICE guidance number", decision.Rejection!.Rule);
    }

    [Fact]
    public void A_withdrawn_product_records_no_new_version_and_withdrawing_twice_adds_nothing()
    {
        var product = Published();
        var withdrawal = WithdrawGuidance.Decide(product, new(product.Id, new DateOnly(2026, 3, 1), "ng250", Importer), Now);
        var withdrawn = Assert.IsType<GuidanceProductWithdrawn>(Assert.Single(withdrawal.Events));
        Assert.Equal("NG250", withdrawn.ReplacedBy);
        product = GuidanceProduct.Evolve(product, withdrawn)!;

        Assert.Empty(WithdrawGuidance.Decide(product, new(product.Id, new DateOnly(2026, 3, 2), null, Importer), Now).Events);
        var late = RecordGuidanceVersion.Decide(product, new(Document(Now.AddYears(1), FirstVersion[..1]), "upload", Importer), Now);
        Assert.Equal("NG136 has been withdrawn from the catalogue and replaced by NG250; a new version cannot be recorded.", late.Rejection!.Rule);
    }
}

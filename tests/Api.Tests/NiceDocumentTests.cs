using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Catalogue;
using static GuidanceFlow.Domain.Catalogue.RecommendationStrength;

namespace GuidanceFlow.Api.Tests;

/// <summary>Reading NICE's structured documents (fixtures of our own in the syndication API's shape); no app, no database.</summary>
public sealed class NiceDocumentTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", name));

    [Fact]
    public void A_guideline_gives_its_recommendations_from_every_chapter_with_tags_strength_and_withdrawals()
    {
        var parsed = NiceDocuments.Parse(Fixture("ng9001-v1.json"));
        Assert.True(parsed.IsUsable, string.Join("; ", parsed.Problems));
        var doc = parsed.Document!;
        Assert.Equal(("NG9001", GuidanceType.NG, "Hydration in care homes", new DateOnly(2019, 3, 8)), (doc.GuidanceNumber, doc.Type, doc.Title, doc.Issued));
        // "/Date(1682502323341+0100)/": milliseconds since 1970 (UTC), shown at UTC+1.
        Assert.Equal((DateTimeOffset.FromUnixTimeMilliseconds(1682502323341), TimeSpan.FromHours(1)), (doc.LastModified, doc.LastModified.Offset));

        Assert.Equal(["1.1.1", "1.1.2", "1.1.3", "1.1.4.2", "2.1"], doc.Recommendations.Select(r => r.Number));
        var first = doc.Recommendations[0];
        Assert.Equal(("Offer residents a drink they like at least every 2 hours while they are awake.", "2019", StrongFor, false),
            (first.Text.Replace('\u00a0', ' '), first.YearTag, first.Strength, first.Withdrawn));
        var list = doc.Recommendations[1];
        Assert.Equal(("2019, amended 2023", Conditional), (list.YearTag, list.Strength));
        Assert.Contains("record the choice in their care plan", list.Text);
        Assert.DoesNotContain("1.1.2", list.Text);
        Assert.True(doc.Recommendations[2].Withdrawn);
        Assert.Equal(StrongAgainst, doc.Recommendations[3].Strength);
        Assert.Equal(LegalDuty, doc.Recommendations[4].Strength);
    }

    [Fact]
    public void A_technology_appraisal_is_read_with_iso_dates()
    {
        var doc = NiceDocuments.Parse(Fixture("ta9002.json")).Document!;
        Assert.Equal((GuidanceType.TA, 2, new DateOnly(2025, 6, 4)), (doc.Type, doc.Recommendations.Count, doc.Issued));
        Assert.Equal(Other, doc.Recommendations[0].Strength);
    }

    [Fact]
    public void A_malformed_document_names_every_problem_and_gives_no_product()
    {
        var parsed = NiceDocuments.Parse(Fixture("malformed.json"));
        Assert.False(parsed.IsUsable);
        Assert.Null(parsed.Document);
        Assert.Equal(
            ["LastModified 'last Tuesday' is not a date.", "A recommendation in the chapter '1 Recommendations', section 'First' has no paragraph number."],
            parsed.Problems);
    }

    [Theory]
    [InlineData("not json at all", "The document is not valid JSON")]
    [InlineData("[1, 2]", "The document is not a JSON object.")]
    [InlineData("{\"Title\": \"x\"}", "GuidanceNumber is missing.")]
    [InlineData("{\"GuidanceNumber\": \"XY12\", \"Title\": \"x\", \"Issued\": \"2020-01-01\", \"LastModified\": \"2020-01-01\", \"Chapters\": []}", "does not start with a NICE product type")]
    [InlineData("{\"GuidanceNumber\": \"NG1\", \"Title\": \"x\", \"Issued\": \"/Date(99999999999999999)/\", \"LastModified\": \"2020-01-01\", \"Chapters\": []}", "Issued '/Date(99999999999999999)/' is not a date.")]
    public void Input_that_is_not_a_document_is_refused_in_words(string json, string problem) =>
        Assert.Contains(NiceDocuments.Parse(json).Problems, p => p.Contains(problem));

    [Fact]
    public void The_same_document_read_twice_is_recorded_once()
    {
        var actor = new Actor("nice-import", "NICE import", "GuidanceFlow", "Import");
        var doc = NiceDocuments.Parse(Fixture("ng9001-v1.json")).Document!;
        var now = DateTimeOffset.UtcNow;
        var product = RecordGuidanceVersion.Decide(null, new(doc, "NICE syndication API", actor), now).Events
            .Aggregate((GuidanceProduct?)null, GuidanceProduct.Evolve);
        var again = NiceDocuments.Parse(Fixture("ng9001-v1.json")).Document!;
        Assert.Empty(RecordGuidanceVersion.Decide(product, new(again, "NICE syndication API", actor), now).Events);
    }
}

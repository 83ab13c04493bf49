using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Catalogue.RecommendationChangeKind;

namespace GuidanceFlow.Domain.Tests;

/// <summary>NICE publishes a newer version of guidance a review is on: applied to the grid, or a decided review re-assessed.</summary>
public class NiceUpdateTests
{
    private static CatalogueRecommendation Rec(string number, string text) => CatalogueRecommendation.From(number, text);

    private static readonly FollowNiceUpdate.CatalogueVersion V1 = new(1,
    [
        Rec("1.1.1", "Offer a falls risk check at every annual review."),
        Rec("1.1.2", "Consider a home hazard visit."),
        Rec("1.2.1", "Refer to a strength and balance class."),
    ]);

    // Version 2: 1.1.2 reworded, 1.2.1 renumbered to 1.3.1 (same words), 1.2.1 now a new recommendation.
    private static readonly FollowNiceUpdate.CatalogueVersion V2 = new(2,
    [
        Rec("1.1.1", "Offer a falls risk check at every annual review."),
        Rec("1.1.2", "Consider a home hazard visit by an occupational therapist."),
        Rec("1.2.1", "Do not prescribe hip protectors routinely."),
        Rec("1.3.1", "Refer to a strength and balance class."),
    ]);

    private static Review OnVersion1(params object[] more) =>
        Given.History([Given.Opened() with { CatalogueVersion = 1 },
            new RecommendationGridCreated(Given.Id, V1.Recommendations.Select(r => new Recommendation(r.Number, r.Text, r.Number == "1.2.1" ? ["Community"] : [])).ToList()),
            .. more]);

    private static FollowNiceUpdate Follow => new(Given.Id, null, Given.Chair);

    [Fact]
    public void Applied_to_an_open_review_the_grid_becomes_the_new_versions_and_keeps_the_chairs_settings_through_a_renumbering()
    {
        var decision = FollowNiceUpdate.Decide(OnVersion1(Given.Invited(), Given.WindowOpened()), Follow, V1, V2, Given.Now);
        var applied = Assert.IsType<GuidanceUpdateApplied>(Assert.Single(decision.Events));
        Assert.Equal((1, 2), (applied.FromVersion, applied.ToVersion));
        Assert.Equal(["1.1.1", "1.1.2", "1.2.1", "1.3.1"], applied.Recommendations.Select(r => r.Number));
        Assert.Equal(["Community"], applied.Recommendations.Single(r => r.Number == "1.3.1").Settings);
        Assert.Empty(applied.Recommendations.Single(r => r.Number == "1.2.1").Settings);
        Assert.Equal(RecommendationStrength.StrongAgainst, applied.Recommendations.Single(r => r.Number == "1.2.1").Strength);

        var after = Review.Evolve(OnVersion1(Given.Invited(), Given.WindowOpened()), applied)!;
        Assert.Equal(2, after.CatalogueVersion);
        Assert.Equal(ReviewStatus.AwaitingResponses, after.Status);
    }

    [Fact]
    public void Answers_stay_with_unchanged_recommendations_follow_a_renumbering_and_are_set_aside_for_reworded_ones()
    {
        var applied = (GuidanceUpdateApplied)FollowNiceUpdate.Decide(OnVersion1(), Follow, V1, V2, Given.Now).Events.Single();
        Assert.Equal("1.1.1", FollowNiceUpdate.NumberAfter("1.1.1", applied));
        Assert.Equal("1.3.1", FollowNiceUpdate.NumberAfter("1.2.1", applied));
        Assert.Null(FollowNiceUpdate.NumberAfter("1.1.2", applied));
        Assert.Equal([TextChanged, Added, Renumbered], applied.Changes.Select(c => c.Kind));
    }

    [Fact]
    public void A_decided_review_is_recorded_as_needing_reassessment_and_monitoring_reopens()
    {
        var decided = OnVersion1(Given.Invited(), Given.WindowOpened(), Given.WindowClosed(), Given.NotNeeded(), Given.Decided());
        var needed = Assert.IsType<ReassessmentNeeded>(Assert.Single(FollowNiceUpdate.Decide(decided, Follow, V1, V2, Given.Now).Events));
        Assert.Equal("1 recommendation changed, 1 added, 1 renumbered", needed.Summary);
        var after = Review.Evolve(decided, needed)!;
        Assert.Equal((ReviewStatus.UnderReview, 2), (after.Status, after.CatalogueVersion));
        Assert.Contains("already on NICE's latest version", FollowNiceUpdate.Decide(after, Follow, V2, V2, Given.Now).Rejection!.Rule);
    }

    [Fact]
    public void A_review_opened_on_no_catalogue_version_or_closed_has_no_update_to_follow()
    {
        Assert.Equal(FollowNiceUpdate.NotFromCatalogue, FollowNiceUpdate.Decide(Given.History(Given.Opened()), Follow, null, V2, Given.Now).Rejection!.Rule);
        var closed = OnVersion1(new ReviewClosed(Given.Id, "Superseded", Given.Now));
        Assert.Equal(ReviewGuards.ClosedRule, FollowNiceUpdate.Decide(closed, Follow, V1, V2, Given.Now).Rejection!.Rule);
    }
}

using System.Net;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Before the collated response is shared, a stakeholder reads their own answers only — in the view, in what a
/// write answers with, and not through the full record — unless the group has chosen to show everyone's as they come.
/// </summary>
public class AnswerVisibilityTests(AppFixture app) : IntegrationTest(app)
{
    private const string Group = "Riverside NICE implementation group";

    [Fact]
    public async Task Before_sharing_a_stakeholder_reads_only_their_own_answers_and_after_it_everyones()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "NotMet", barriers: "No clinic space", recurrent: 9_000m));

        var sunil = await Api.Read<ReviewView>(await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}"));
        Assert.True(sunil.AnswersWithheld);
        Assert.Empty(sunil.Responses);
        Assert.Empty(sunil.ComplianceOverTime.Answers); // the record kept for compliance over time names no one's answers either
        var first = sunil.Recommendations.Single(r => r.Number == "1.1.1");
        Assert.Empty(first.BySector);
        Assert.Empty(first.Barriers);
        Assert.Equal((0, 0m), (first.Compliance.NotMet, first.EstimatedRecurrentCost));
        Assert.Equal((1, 2), (sunil.RespondedCount, sunil.InvitedCount)); // that Tom responded is no one's answer
        // Nor through the record, nor as a past version.
        foreach (var path in new[] { "/history", "/history.csv", "/history.jsonl", "/changes" })
            await Api.Problem(await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}{path}"), 403);
        var past = await Api.Read<ReviewView>(await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}?version={review.Version + 1}"));
        Assert.Empty(past.Responses);
        Assert.Empty(past.ComplianceOverTime.Answers);

        // His own write answers with his own answers and no one else's.
        var own = await Api.Respond(review.Id, "sunil.mehta", Api.Answer("1.1.1", "Met"));
        Assert.Equal(["sunil.mehta"], own.Responses.Select(r => r.StakeholderId).Distinct());
        Assert.Equal((1, 0), (own.Recommendations[0].Compliance.Met, own.Recommendations[0].Compliance.NotMet));

        // The chair reads everything, and Tom his own.
        var chair = await Api.View(review.Id);
        Assert.False(chair.AnswersWithheld);
        Assert.Equal(2, chair.Responses.Count);

        await Api.CloseWindow(review.Id);
        var shared = await Api.Read<ReviewView>(await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}"));
        Assert.False(shared.AnswersWithheld);
        Assert.Contains(shared.Responses, r => r.StakeholderId == "tom.hadley");
        Assert.Equal(HttpStatusCode.OK, (await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}/history")).StatusCode);
    }

    [Fact]
    public async Task A_group_can_choose_to_show_stakeholders_everyones_answers_as_they_come_in()
    {
        var settings = $"/api/groups/{Uri.EscapeDataString(Group)}/settings";
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Put(Api.Chair, settings, new { stakeholdersSeeAnswersEarly = true })).StatusCode);
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "NotMet"));

        var sunil = await Api.Read<ReviewView>(await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}"));
        Assert.False(sunil.AnswersWithheld);
        Assert.Contains(sunil.Responses, r => r.StakeholderId == "tom.hadley");
        Assert.Equal(HttpStatusCode.OK, (await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}/history")).StatusCode);
    }
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>What each person may do next, over the API: the domain's list, the same the review's page offers.</summary>
public class NextStepsTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<List<Step>> StepsOf(string user, Guid reviewId) =>
        await Api.Read<List<Step>>(await Api.Get(user, $"/api/reviews/{reviewId}/next-steps"));

    [Fact]
    public async Task The_chair_a_stakeholder_their_delegate_and_a_commissioner_each_get_their_own_next_steps()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");

        Assert.Equal([NextStep.InviteMoreStakeholders, NextStep.ExtendResponseDeadline, NextStep.CloseResponseWindowNow, NextStep.SetDecisionMeeting, NextStep.CloseReview],
            (await StepsOf(Api.Chair, review.Id)).Select(s => s.What));
        Assert.Equal([new Step(NextStep.Respond)], await StepsOf("tom.hadley", review.Id));
        Assert.Empty(await StepsOf("rachel.stone", review.Id));

        await Api.Read<Projections.Reviews.ReviewView>(await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley/delegate",
            new { delegateUserId = "priya.nair", delegateName = "Priya Nair" }));
        Assert.Equal([new Step(NextStep.RespondFor, "tom.hadley")], await StepsOf("priya.nair", review.Id));

        await Api.Respond(review.Id, "sunil.mehta", Api.Answer("1.1.1", "Met"));
        Assert.Equal([new Step(NextStep.AmendResponse)], await StepsOf("sunil.mehta", review.Id));
    }
}

using System.Net;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>A stakeholder's organisation responds for them, where they have delegated it.</summary>
public class DelegationTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_colleague_responds_for_the_stakeholder_once_delegated_and_the_record_says_who()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        var path = $"/api/reviews/{review.Id}/responses/tom.hadley";
        var body = new { responses = new[] { Api.Answer("1.1.1", "PartiallyMet") } };

        // Before delegation Priya (same trust, not invited) cannot even see the review.
        await Api.Problem(await Api.Put("priya.nair", path, body), 404);
        // Only Tom may delegate his response.
        await Api.Problem(await Api.Put("sunil.mehta", $"{path}/delegate", new { delegateUserId = "sunil.mehta" }), 403);

        var delegated = await Api.Read<ReviewView>(await Api.Put("tom.hadley", $"{path}/delegate",
            new { delegateUserId = "priya.nair", delegateName = "Priya Nair" }));
        Assert.Equal("priya.nair", Assert.Single(delegated.Delegations).DelegateUserId);

        await Api.Read<ReviewView>(await Api.Put("priya.nair", path, body));
        var submitted = (await Api.History(review.Id)).Last();
        Assert.Equal(("StakeholderResponseSubmitted", "priya.nair", "Delegate"), (submitted.Type, submitted.Actor.UserId, submitted.Actor.Role));
        Assert.Equal("tom.hadley", submitted.Data.GetProperty("stakeholderId").GetString());

        // Priya cannot answer for Sunil, who delegated nothing to her.
        await Api.Problem(await Api.Put("priya.nair", $"/api/reviews/{review.Id}/responses/sunil.mehta", body), 403);

        // Withdrawn: Priya is back to not seeing the review.
        await Api.Read<ReviewView>(await Api.Put("tom.hadley", $"{path}/delegate", new { delegateUserId = (string?)null }));
        await Api.Problem(await Api.Put("priya.nair", path, body), 404);
    }

    [Fact]
    public async Task A_delegate_from_another_organisation_cannot_respond_and_nothing_is_appended()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        await Api.Read<ReviewView>(await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley/delegate",
            new { delegateUserId = "claire.baxter" }));
        var before = await AllEventsCount();
        var refused = await Api.Problem(await Api.Put("claire.baxter", $"/api/reviews/{review.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }), 403);
        Assert.Contains("your organisation", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await AllEventsCount());
    }
}

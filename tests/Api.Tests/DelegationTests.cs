using System.Net;
using System.Security.Claims;
using GuidanceFlow.Api.Identity;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory]
    [InlineData("claire.baxter", "works for Millbrook Surgery, not Riverside Hospitals NHS Foundation Trust")] // another organisation
    [InlineData("amara.okafor", "")] // the chair: same trust, so allowed (the control for the rows below)
    [InlineData("sunil.mehta", "works for Oakfield Medical Practice")] // a GP practice's stakeholder, not invited here
    [InlineData("made.up.person", "No GuidanceFlow user has the id 'made.up.person'")]
    public async Task Only_a_real_user_of_the_stakeholders_organisation_can_be_delegated_to_and_a_refusal_appends_nothing(
        string to, string refusal)
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var before = await AllEventsCount();
        var answer = await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley/delegate", new { delegateUserId = to });
        if (refusal == "")
        {
            await Api.Read<ReviewView>(answer);
            return;
        }
        var problem = await Api.Problem(answer, 409);
        Assert.Contains(refusal, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await AllEventsCount());
        // Still nothing to see for someone the delegation would have let in.
        if (to != "made.up.person")
            foreach (var path in new[] { "", "/history", "/history.csv", "/changes" })
                await Api.Problem(await Api.Get(to, $"/api/reviews/{review.Id}{path}"), 404);
    }

    [Fact]
    public async Task A_delegate_reads_what_the_delegating_stakeholder_reads_and_no_more()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        await Api.Read<ReviewView>(await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley/delegate",
            new { delegateUserId = "priya.nair" }));
        foreach (var path in new[] { "", "/history", "/history.csv", "/changes", "/next-steps", "/deadlines", "/verify",
                     "/responses/tom.hadley/draft", "/responses/sunil.mehta/draft" })
        {
            var url = $"/api/reviews/{review.Id}{path}";
            Assert.True((await Api.Get("tom.hadley", url)).StatusCode == (await Api.Get("priya.nair", url)).StatusCode, url);
        }
    }

    [Fact]
    public async Task Someone_who_has_signed_in_is_in_the_directory_and_can_be_delegated_to()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var path = $"/api/reviews/{review.Id}/responses/tom.hadley/delegate";
        // A real sign-in (CIS2) that is not a demo user: unknown until they have signed in once.
        await Api.Problem(await Api.Put("tom.hadley", path, new { delegateUserId = "555012345678" }), 409);
        var nina = new ClaimsPrincipal(new ClaimsIdentity([
            new Claim(ClaimTypes.NameIdentifier, "555012345678"), new Claim(ClaimTypes.Name, "Nina Khan"),
            new Claim(GuidanceFlowClaims.Organisation, "RIVERSIDE HOSPITALS NHS FT"), new Claim(GuidanceFlowClaims.OrganisationCode, "RRV"),
        ], "cis2"));
        await Host.Services.GetRequiredService<PeopleRecorder>().RecordAsync(nina, CancellationToken.None);

        var delegated = await Api.Read<ReviewView>(await Api.Put("tom.hadley", path, new { delegateUserId = "555012345678", delegateName = "Anyone" }));
        Assert.Equal(("555012345678", "Nina Khan"), (Assert.Single(delegated.Delegations).DelegateUserId, delegated.Delegations[0].DelegateName));
    }
}

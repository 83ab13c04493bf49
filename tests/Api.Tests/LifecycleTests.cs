using GuidanceFlow.Api.Queries;
using System.Net;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Projections;

namespace GuidanceFlow.Api.Tests;

/// <summary>A review from opening to closing, over HTTP, as the README documents it.</summary>
public class LifecycleTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_review_runs_from_opening_to_decision_and_every_step_is_audited()
    {
        var opened = await Api.OpenReview();
        Assert.Equal(ReviewStatus.Opened, opened.Status);
        Assert.Equal(1, opened.Version);
        var id = opened.Id;

        var grid = await Api.CreateGrid(id, "1.1.1", "1.2.1");
        Assert.Equal(ReviewStatus.GridReady, grid.Status);

        // Three sectors: secondary (acute trust), primary (GP practice), community.
        var invited = await Api.Invite(id, "tom.hadley", "sunil.mehta", "joan.petrie");
        Assert.Equal(3, invited.InvitedCount);

        var window = await Api.OpenWindow(id);
        Assert.Equal(ReviewStatus.AwaitingResponses, window.Status);
        Assert.NotNull(window.NextDeadline);

        await Api.Respond(id, "tom.hadley",
            Api.Answer("1.1.1", "Met"),
            Api.Answer("1.2.1", "PartiallyMet", barriers: "One physiologist", recurrent: 38_000m));
        await Api.Respond(id, "sunil.mehta", Api.Answer("1.1.1", "NotMet", barriers: "No accredited staff"));
        // The GP amends: the view shows the latest answer, the history keeps both.
        var amended = await Api.Respond(id, "sunil.mehta", Api.Answer("1.1.1", "PartiallyMet", barriers: "Two practices accredited"));
        // Until the collated response is shared, the GP's write answers with the GP's answers only; the chair reads all.
        Assert.True(amended.AnswersWithheld);
        Assert.Equal(["sunil.mehta"], amended.Responses.Select(r => r.StakeholderId).Distinct());
        amended = await Api.View(id);

        var first = amended.Recommendations.Single(r => r.Number == "1.1.1");
        Assert.Equal([Sector.Primary, Sector.Secondary], first.BySector.Select(s => s.Sector));
        var gp = first.BySector.Single(s => s.Sector == Sector.Primary).Responses.Single();
        Assert.Equal(Compliance.PartiallyMet, gp.Compliance);
        Assert.Equal(2, gp.Revision);
        Assert.Equal(1, first.Compliance.Met);
        Assert.Equal(1, first.Compliance.PartiallyMet);
        Assert.Equal(1, first.Compliance.NotYetAssessed);
        Assert.Equal(["Two practices accredited"], first.Barriers.Select(b => b.Text));
        Assert.Equal(38_000m, amended.Recommendations.Single(r => r.Number == "1.2.1").EstimatedRecurrentCost);
        Assert.Equal(2, amended.RespondedCount);
        Assert.Equal(["joan.petrie"], amended.NotResponded.Select(s => s.StakeholderId));

        var closed = await Api.CloseWindow(id);
        Assert.Equal(ReviewStatus.Collated, closed.Status);
        Assert.NotNull(closed.DistributedAt);

        // The ICB finance lead records the impact for the whole economy.
        var assessed = await Api.Read<ReviewView>(await Api.Post("mark.fenwick", $"/api/reviews/{id}/financial-impact", new
        {
            localPopulation = 570_000,
            lines = new object[]
            {
                new { recommendationNumber = "1.2.1", organisation = "Riverside Hospitals NHS Foundation Trust", sector = "Secondary",
                      years = new[] { new { year = 1, oneOffCost = 5_000m, recurrentCost = 38_000m, oneOffSaving = 0m, recurrentSaving = 0m } } },
                new { recommendationNumber = (string?)null, organisation = "Riverside Integrated Care Board", sector = "Commissioner",
                      description = "Spirometry accreditation", years = new[] { new { year = 2, oneOffCost = 0m, recurrentCost = 9_000m, oneOffSaving = 0m, recurrentSaving = 2_000m } } },
            },
        }));
        Assert.Equal(ReviewStatus.FinanciallyAssessed, assessed.Status);
        Assert.True(assessed.FinancialImpact!.Substantial); // 43,000 in year 1 > 10,000 for 570,000 people
        Assert.Equal(5, assessed.FinancialImpact.Total.Count);
        Assert.Equal(7_000m, assessed.FinancialImpact.Total[1].NetCost);

        var decided = await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{id}/decision", new
        {
            outcome = "ImplementWithLocalVariation",
            rationale = "Implement; oxygen assessment through a shared clinic.",
            reviewDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(12)),
            actions = new[] { new { description = "Accredit practice nurses", owner = "PCN clinical director", due = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(3)) } },
        }));
        Assert.Equal(ReviewStatus.Decided, decided.Status);
        Assert.Equal(DecisionOutcome.ImplementWithLocalVariation, decided.Decision!.Outcome);

        var final = await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{id}/close", new { reason = "Actions handed to monitoring" }));
        Assert.Equal(ReviewStatus.Closed, final.Status);

        var history = await Api.History(id);
        Assert.Equal(
        [
            "GuidanceReviewOpened", "RecommendationGridCreated", "StakeholdersInvited", "ResponseWindowOpened",
            "StakeholderResponseSubmitted", "StakeholderResponseSubmitted", "StakeholderResponseSubmitted",
            "ResponseWindowClosed", "CollatedResponseDistributed", "FinancialImpactAssessed", "DecisionRecorded", "ReviewClosed",
        ], history.Select(h => h.Type));
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), history.Select(h => h.Version));
        Assert.Equal(final.Version, history[^1].Version);

        // Who acted, from the event metadata.
        Assert.All(history.Where(h => h.Type != "StakeholderResponseSubmitted" && h.Type != "FinancialImpactAssessed"),
            h => Assert.Equal(new ActorRef("amara.okafor", "Dr Amara Okafor", "Riverside Hospitals NHS Foundation Trust", "Chair"), h.Actor));
        Assert.Equal(["tom.hadley", "sunil.mehta", "sunil.mehta"],
            history.Where(h => h.Type == "StakeholderResponseSubmitted").Select(h => h.Actor.UserId));
        Assert.Equal(new ActorRef("mark.fenwick", "Mark Fenwick", "Riverside Integrated Care Board", "FinanceLead"),
            history.Single(h => h.Type == "FinancialImpactAssessed").Actor);
        // Both versions of the GP's answer are kept.
        var gpVersions = history.Where(h => h.Type == "StakeholderResponseSubmitted" && h.Actor.UserId == "sunil.mehta")
            .Select(h => h.Data.GetProperty("responses")[0].GetProperty("compliance").GetString());
        Assert.Equal(["NotMet", "PartiallyMet"], gpVersions);
    }

    [Fact]
    public async Task The_register_lists_reviews_with_status_next_deadline_and_response_counts()
    {
        var inWindow = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(inWindow.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));
        var justOpened = await Api.OpenReview("NG33", "NG", "Tuberculosis");
        await ViewsCaughtUp();

        var register = await Api.Read<RegisterPage>(await Api.Get("rachel.stone", "/api/reviews"));
        Assert.Equal(2, register.Total);
        var row = register.Items.Single(r => r.Id == inWindow.Id);
        Assert.Equal(("NG115", ReviewStatus.AwaitingResponses, 2, 1), (row.GuidanceId, row.Status, row.InvitedCount, row.RespondedCount));
        Assert.Equal(inWindow.ResponseDeadline!.Value.ToUnixTimeSeconds(), row.NextDeadline!.Value.ToUnixTimeSeconds());
        Assert.Equal(ReviewStatus.Opened, register.Items.Single(r => r.Id == justOpened.Id).Status);

        var filtered = await Api.Read<RegisterPage>(await Api.Get("rachel.stone", "/api/reviews?status=Opened"));
        Assert.Equal([justOpened.Id], filtered.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task The_shared_view_carries_the_stream_version_as_its_etag()
    {
        var view = await Api.ReviewInWindow();
        var response = await Api.Get("tom.hadley", $"/api/reviews/{view.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{view.Version}\"", response.Headers.ETag?.ToString());
        Assert.Equal(4, view.Version);
    }

    [Fact]
    public async Task A_decision_can_follow_a_financial_assessment_marked_not_needed()
    {
        var view = await Api.ReviewInWindow();
        await Api.CloseWindow(view.Id);
        var notNeeded = await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/financial-impact/not-needed",
            new { reason = "Delivered within existing pathways" }));
        Assert.Equal("Delivered within existing pathways", notNeeded.FinancialImpactNotNeededReason);

        var decided = await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/decision", new
        {
            outcome = "DoNotImplement", rationale = "Local service already exceeds it", risk = "Auditors may query the deviation",
            reviewDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(6)),
        }));
        Assert.Equal("Auditors may query the deviation", decided.Decision!.Risk);
    }
}

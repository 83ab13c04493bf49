using System.Net;
using GuidanceFlow.Api.Benchmarking;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Re-assessment rounds for real: a decided review under review again (here because NICE changed the guidance), the chair
/// opens a round over HTTP, stakeholders are emailed by a real SMTP server and answer again, the round closes (by the chair,
/// or at its deadline by Quartz), and compliance over time shows on the review, in time travel, in the decision audit and
/// in benchmarking. A refused round appends nothing.
/// </summary>
public sealed class ReassessmentTests(AppFixture app) : IntegrationTest(app)
{
    private const string Chair = "amara.okafor";
    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>
    /// NG9001 from the catalogue, decided on a baseline where Tom meets 1.1.1 and partly meets 2.1 and Sunil does not meet
    /// 1.1.1; then NICE's version 2 is followed, so the decision is under review.
    /// </summary>
    private async Task<ReviewView> UnderReview()
    {
        Assert.Equal(HttpStatusCode.Created, (await Api.AddToCatalogue(NiceUpdateApiTests.Version1())).StatusCode);
        var queue = NiceUpdateApiTests.Queue;
        await Wait.Until(async () => await Api.Read<TriagePage>(await Api.Get(Chair, queue)), p => p.Total == 1, "NG9001 in the queue");
        await Api.Read<TriageRow>(await Api.Post(Chair, $"{queue}/NG9001", new
        {
            outcome = "Relevant", services = new[] { "Care homes" }, clinicalLead = "Joan Petrie", managerialLead = "Lucy Hart",
        }));
        var review = await Api.Read<ReviewView>(await Api.Post(Chair, $"{queue}/NG9001/review"), HttpStatusCode.Created);
        await Api.Invite(review.Id, "tom.hadley", "sunil.mehta");
        await Api.OpenWindow(review.Id);
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"), Api.Answer("2.1", "PartiallyMet"));
        await Api.Respond(review.Id, "sunil.mehta", Api.Answer("1.1.1", "NotMet"));
        await Api.CloseWindow(review.Id);
        await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{review.Id}/financial-impact/not-needed", new { reason = "No new service" }));
        await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{review.Id}/decision", new
        {
            outcome = "Implement", rationale = "Implement in every care home.", reviewDate = Today.AddMonths(12),
        }));
        Assert.Equal(HttpStatusCode.Created, (await Api.AddToCatalogue(NiceUpdateApiTests.Version2())).StatusCode);
        var under = await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{review.Id}/nice-update"));
        Assert.Equal(ReviewStatus.UnderReview, under.Status);
        return under;
    }

    [Fact]
    public async Task The_chair_opens_a_round_stakeholders_answer_again_and_compliance_over_time_shows_everywhere()
    {
        var review = await UnderReview();
        var url = $"/api/reviews/{review.Id}/reassessment";
        var deadline = DateTimeOffset.UtcNow.AddDays(14);

        // Refused: not the chair, a deadline gone, a next review date before the deadline — each named, nothing appended.
        var before = await EveryEventCount();
        await Api.Problem(await Api.Post("tom.hadley", url, new { deadline }), 403);
        var past = await Api.Problem(await Api.Post(Chair, url, new { deadline = DateTimeOffset.UtcNow.AddDays(-1) }), 400);
        Assert.True(past.GetProperty("errors").TryGetProperty("deadline", out _));
        var early = await Api.Problem(await Api.Post(Chair, url, new { deadline, nextReviewDate = Today }), 400);
        Assert.Contains("after the round's deadline", early.GetProperty("errors").GetProperty("nextReviewDate")[0].GetString());
        Assert.Equal(before, await EveryEventCount());

        var open = await Api.Read<ReviewView>(await Api.Post(Chair, url, new { deadline }));
        Assert.Equal((ReviewStatus.Reassessing, 1, 0), (open.Status, open.Round, open.RespondedCount));
        var round = Assert.Single(open.Reassessments);
        Assert.Equal(UkTime.DateOf(deadline).AddYears(1), round.NextReviewDate);
        Assert.Contains("already open", (await Api.Problem(await Api.Post(Chair, url, new { deadline }), 409)).GetProperty("detail").GetString());

        var asked = await Wait.Until(() => App.Smtp.About(review.Id).Where(m => (m.Subject ?? "").Contains("please re-assess")).ToList(),
            list => list.Count >= 2, "the stakeholders asked to re-assess");
        Assert.Equal(["sunil.mehta@oakfield.example.nhs.uk", "tom.hadley@riverside.example.nhs.uk"], asked.Select(m => m.To()).Order());
        Assert.Contains("Your last answers are filled in", asked[0].TextBody);

        // Tom no longer meets 1.1.1; Sunil does not answer again, so his last answers stand.
        var answered = await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "NotMet"), Api.Answer("2.1", "PartiallyMet"));
        Assert.Equal(1, answered.RespondedCount);
        Assert.Equal(["sunil.mehta"], answered.NotResponded.Select(s => s.StakeholderId));
        var versionInRound = answered.Version;

        // Each one's inbox and the register count answers in this round: Sunil is asked again, Tom has answered.
        await Wait.Until(async () => await Api.Read<Inbox>(await Api.Get("sunil.mehta", "/api/me/inbox")),
            i => i.AwaitingResponse.Any(x => x.ReviewId == review.Id), "Sunil asked again in his inbox");
        await Wait.Until(async () => await Api.Read<Inbox>(await Api.Get("tom.hadley", "/api/me/inbox")),
            i => i.Submitted.Any(x => x.ReviewId == review.Id), "Tom's answer in his inbox");
        var row = await Wait.Until(async () => (await Api.Read<RegisterPage>(await Api.Get(Chair, "/api/reviews?q=NG9001&pageSize=100")))
            .Items.FirstOrDefault(r => r.Id == review.Id), r => r?.Status == ReviewStatus.Reassessing && r.RespondedCount == 1, "the register in the round");
        Assert.Equal(2, row!.InvitedCount);

        var closed = await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{review.Id}/response-window/close"));
        Assert.Equal(ReviewStatus.Decided, closed.Status);
        Assert.Equal(DeadlinePolicy.ReviewDueAt(round.NextReviewDate), closed.ReviewDueAt);
        var done = Assert.Single(closed.Reassessments);
        Assert.Equal(WindowClosure.ByChair, done.ClosedBy);
        Assert.Equal(["sunil.mehta"], done.NonResponders!);

        // Worked by hand. Baseline — 1.1.1: Tom met, Sunil not met → partially met; 2.1: Tom partly → partially met.
        // Re-assessment 1 (on the grid as decided) — 1.1.1: Tom not met, Sunil not met (his answer stands) → not met; 2.1: partially met.
        var assessments = closed.ComplianceOverTime.Assessments;
        Assert.Equal([0, 1], assessments.Select(a => a.Round));
        Assert.Equal(Compliance.PartiallyMet, assessments[0].Of("1.1.1"));
        Assert.Equal(Compliance.PartiallyMet, assessments[0].Of("2.1"));
        Assert.Equal((Compliance.NotMet, Compliance.PartiallyMet), (assessments[1].Of("1.1.1")!.Value, assessments[1].Of("2.1")!.Value));

        // Time travel: the view during the round had the baseline only.
        var then = await Api.Read<ReviewView>(await Api.Get(Chair, $"/api/reviews/{review.Id}?version={versionInRound}"));
        Assert.Equal((ReviewStatus.Reassessing, 1), (then.Status, then.ComplianceOverTime.Assessments.Count));

        // The commissioner's audit: both assessments and the round with who opened it and who did not answer again.
        var audited = await Wait.Until(async () => (await Api.Read<List<AuditedDecision>>(await Api.Get("rachel.stone", "/api/audit/decisions")))
            .FirstOrDefault(d => d.ReviewId == review.Id), d => d?.Reassessments is [{ ClosedAt: not null }] && d.Assessments?.Count == 2,
            "the round and both assessments in the decision audit (two background projections)");
        Assert.Equal(["NP"], audited!.Assessments!.Skip(1).Select(a => a.Codes.Replace("-", "")));
        var audit = audited.Reassessments!.Single();
        Assert.Equal((Chair, "Dr Sunil Mehta"), (audit.OpenedBy.UserId!, audit.NotAnswered!.Single().Name));

        // Benchmarking reads the rounds: the group's assessments of NG9001 over time.
        var picture = await Wait.Until(async () => await Api.Read<GuidancePicture>(
                await Api.Get(Chair, $"/api/benchmarking/guidance/NG9001?group={Uri.EscapeDataString(Identity.DemoUsers.Group)}")),
            p => p.YourAssessments.Count == 2, "both assessments in benchmarking");
        Assert.Equal(Compliance.NotMet, picture.YourAssessments[1].Answers.Single(a => a.Number == "1.1.1").Compliance);

        var history = await Api.History(review.Id);
        Assert.Equal(Chair, history.Single(h => h.Type == "ReassessmentOpened").Actor.UserId);
        Assert.Equal(Chair, history.Single(h => h.Type == "ReassessmentClosed").Actor.UserId);
        var told = await Wait.Until(() => App.Smtp.About(review.Id).Where(m => (m.Subject ?? "").Contains("re-assessment 1 closed")).ToList(),
            list => list.Count >= 1, "the chair told the round closed");
        Assert.Contains("1 of 2 answered", told.Single().Subject);
        Assert.Contains("Dr Sunil Mehta", told.Single().TextBody);
    }

    [Fact]
    public async Task A_round_closes_by_itself_at_its_deadline_and_a_later_answer_is_409()
    {
        var view = await UnderReview();
        // Only the opening must come before the deadline; one refused as too late appends nothing, so the review is still under review.
        var deadline = await Soon.WithRoom(async room =>
        {
            var due = Soon.In(room);
            await Soon.Before(due, "opening the round", async () =>
                await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{view.Id}/reassessment", new { deadline = due })));
            return due;
        });

        var closed = await Wait.Until(() => Api.View(view.Id), v => v.Status == ReviewStatus.Decided, "the round to close at its deadline");
        var round = Assert.Single(closed.Reassessments);
        Assert.Equal(WindowClosure.AtDeadline, round.ClosedBy);
        Assert.True(round.ClosedAt >= deadline);
        Assert.Equal(["tom.hadley", "sunil.mehta"], round.NonResponders!);
        Assert.Equal(2, closed.ComplianceOverTime.Assessments.Count);
        var closing = (await Api.History(view.Id)).Single(h => h.Type == "ReassessmentClosed");
        Assert.Equal(("guidanceflow", "Scheduler"), (closing.Actor.UserId, closing.Actor.Role));

        var late = await Api.Problem(await Api.Put("sunil.mehta", $"/api/reviews/{view.Id}/responses/sunil.mehta",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }), 409);
        Assert.Contains("closed", late.GetProperty("detail").GetString());
    }
}

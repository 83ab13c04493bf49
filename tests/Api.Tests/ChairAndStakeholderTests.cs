using System.Net;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Projections.Views;

namespace GuidanceFlow.Api.Tests;

/// <summary>What chairs and stakeholders expect over the API: reminding now, amending a decision, the matrix, receipts and delegation emails.</summary>
public class ChairAndStakeholderTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_chair_reminds_those_who_have_not_responded_now_once_a_day_and_each_gets_one_email()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));

        var reminded = await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/reminders"));
        Assert.NotNull(reminded.LastRemindedByChairAt);
        var logged = Assert.Single(await Api.History(review.Id), h => h.Type == nameof(NonRespondersReminded));
        Assert.Equal(["sunil.mehta"], logged.Data.GetProperty("recipients").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Api.Chair, logged.Actor.UserId);
        var mail = await Wait.Until(() => App.Smtp.About(review.Id).Where(m => (m.Subject ?? "").StartsWith("Reminder from the chair")).ToList(),
            m => m.Count >= 1, "the chair's reminder");
        Assert.Equal("sunil.mehta@oakfield.example.nhs.uk", Assert.Single(mail).To());

        // Pressed again the same day: refused, with when it may be sent, and nothing appended.
        var before = await AllEventsCount();
        var again = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/reminders"), 409);
        Assert.Contains("You can remind them again from", again.GetProperty("detail").GetString());
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task Amending_a_decision_keeps_the_first_in_the_record_and_the_audit_shows_both()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        await Api.CloseWindow(review.Id);
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/financial-impact/not-needed", new { reason = "No local cost." }));
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision", new { outcome = "Defer", rationale = "Waiting for the pathway." }));

        // A reason is required, and an amendment that changes nothing is refused.
        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision/amendments",
            new { outcome = "Implement", rationale = "Pathway agreed.", reason = "" }), 400);
        await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision/amendments",
            new { outcome = "Defer", rationale = "Waiting for the pathway.", reason = "Again" }), 409);

        var amended = await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision/amendments",
            new { outcome = "Implement", rationale = "Pathway agreed.", reason = "The group met again on 1 December." }));
        Assert.Equal(DecisionOutcome.Implement, amended.Decision!.Outcome);
        Assert.Equal("The group met again on 1 December.", Assert.Single(amended.DecisionAmendments).Reason);

        var history = await Api.History(review.Id);
        Assert.Equal("Defer", Assert.Single(history, h => h.Type == nameof(DecisionRecorded)).Data.GetProperty("outcome").GetString());
        Assert.Single(history, h => h.Type == nameof(DecisionAmended));

        await ViewsCaughtUp();
        var audit = await Api.Read<List<AuditedDecision>>(await Api.Get("rachel.stone", "/api/audit/decisions"));
        var record = Assert.Single(audit, d => d.ReviewId == review.Id);
        Assert.Equal(DecisionOutcome.Implement, record.Outcome);
        Assert.Equal((DecisionOutcome.Implement, Api.Chair), (Assert.Single(record.Amendments).Outcome, record.Amendments[0].AmendedBy.UserId));
    }

    [Fact]
    public async Task The_matrix_has_recommendations_down_stakeholders_by_sector_across_and_counts_both_ways()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "NotMet"), Api.Answer("1.2.1", "Met"));

        var matrix = await Api.Read<ComplianceMatrix>(await Api.Get(Api.Chair, $"/api/reviews/{review.Id}/matrix"));
        Assert.Equal(["sunil.mehta", "tom.hadley"], matrix.Columns.Select(c => c.StakeholderId)); // primary care, then secondary
        Assert.Equal(["1.1.1", "1.2.1", "1.3.1"], matrix.Rows.Select(r => r.Number));
        Assert.Equal([null, Compliance.NotMet], matrix.Rows[0].Cells);
        Assert.Equal((1, 1), (matrix.Rows[0].Counts.NotMet, matrix.Rows[0].Counts.NotYetAssessed));
        Assert.Equal((1, 1, 1), (matrix.ColumnCounts[1].Met, matrix.ColumnCounts[1].NotMet, matrix.ColumnCounts[1].NotYetAssessed));
        Assert.Equal(3, matrix.ColumnCounts[0].NotYetAssessed);
        Assert.False(matrix.Columns[0].Responded);

        // Before sharing, Sunil's matrix holds only his own answers.
        var sunils = await Api.Read<ComplianceMatrix>(await Api.Get("sunil.mehta", $"/api/reviews/{review.Id}/matrix"));
        Assert.True(sunils.AnswersWithheld);
        Assert.All(sunils.Rows, r => Assert.Null(r.Cells[1]));
    }

    [Fact]
    public async Task A_submission_is_receipted_by_email_and_a_delegation_tells_both_people()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(review.Id, "sunil.mehta", Api.Answer("1.1.1", "PartiallyMet"), Api.Answer("1.2.1", "Met"));
        var receipt = await Wait.Until(() => App.Smtp.About(review.Id).Where(m => (m.Subject ?? "").Contains("response received")).ToList(),
            m => m.Count >= 1, "the receipt");
        Assert.Equal("sunil.mehta@oakfield.example.nhs.uk", Assert.Single(receipt).To());
        Assert.Contains("1.1.1: partially met; 1.2.1: met", receipt[0].TextBody);

        await Api.Read<ReviewView>(await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley/delegate", new { delegateUserId = "priya.nair" }));
        var told = await Wait.Until(() => App.Smtp.About(review.Id).Where(m => (m.Subject ?? "").Contains("respond for")).ToList(),
            m => m.Count >= 2, "both delegation emails");
        Assert.Equal(2, told.Count);
        Assert.Contains(told, m => m.To() == "tom.hadley@riverside.example.nhs.uk" && m.Subject!.Contains("Priya Nair can now respond for you"));
        Assert.Contains(told, m => m.To() != "tom.hadley@riverside.example.nhs.uk" && m.Subject!.Contains("Dr Tom Hadley has asked you to respond for them"));
    }

    [Fact]
    public async Task A_refusal_says_the_true_cause_and_date_when_the_chair_closed_the_window_early()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.CloseWindow(review.Id);
        var refused = await Api.Problem(await Api.Put("tom.hadley", $"/api/reviews/{review.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }), 409);
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains("The chair closed the response window early", detail);
        Assert.Contains(UkTime.Format(review.ResponseDeadline!.Value), detail);
    }
}

/// <summary>What commissioners expect over the API: the dashboard, and the register and decisions filtered by outcome and type.</summary>
public class CommissionerTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<Guid> Decided(string outcome, string type = "NG")
    {
        var review = await Api.OpenReview(guidanceId: type == "TA" ? "TA901" : null, type: type);
        await Api.CreateGrid(review.Id);
        await Api.Invite(review.Id, "tom.hadley");
        await Api.OpenWindow(review.Id);
        await Api.CloseWindow(review.Id);
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/financial-impact/not-needed", new { reason = "No local cost." }));
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision", new { outcome, rationale = "Agreed.", risk = "Accepted." }));
        return review.Id;
    }

    [Fact]
    public async Task The_dashboard_counts_open_reviews_by_stage_overdue_rag_and_decisions_this_quarter()
    {
        await Api.ReviewInWindow("tom.hadley");
        var inWindow = await Api.ReviewInWindow("tom.hadley");
        await Api.Respond(inWindow.Id, "tom.hadley", Api.Answer("1.1.1", "NotMet"));
        await Decided("Implement");
        await ViewsCaughtUp();

        var dashboard = await Api.Read<Dashboard>(await Api.Get("rachel.stone", "/api/dashboard"));
        Assert.Equal(2, dashboard.ByStatus.Single(s => s.Status == ReviewStatus.AwaitingResponses).Count);
        Assert.Equal(1, dashboard.ByStatus.Single(s => s.Status == ReviewStatus.Decided).Count);
        Assert.Equal(1, dashboard.Red);
        Assert.Equal(1, dashboard.DecisionsThisQuarter);
        Assert.True(dashboard.QuarterFrom <= DateOnly.FromDateTime(DateTime.UtcNow) && dashboard.QuarterFrom.Day == 1 && dashboard.QuarterFrom.Month % 3 == 1);
        await Api.Problem(await Api.Get("tom.hadley", "/api/dashboard"), 403);
    }

    [Fact]
    public async Task The_register_and_decisions_filter_by_outcome_and_guidance_type()
    {
        var implemented = await Decided("Implement");
        var notImplemented = await Decided("DoNotImplement", type: "TA");
        await ViewsCaughtUp();

        var register = await Api.Read<RegisterPage>(await Api.Get("rachel.stone", "/api/reviews?outcome=DoNotImplement"));
        Assert.Equal([notImplemented], register.Items.Select(r => r.Id));
        var decisions = await Api.Read<List<AuditedDecision>>(await Api.Get("rachel.stone", "/api/audit/decisions?type=NG"));
        Assert.Equal([implemented], decisions.Select(d => d.ReviewId));
        await Api.Problem(await Api.Get("rachel.stone", "/api/reviews?outcome=Perhaps"), 400);
    }
}

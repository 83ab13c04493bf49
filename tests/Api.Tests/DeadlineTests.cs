using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace GuidanceFlow.Api.Tests;

/// <summary>Deadlines firing for real: Quartz on PostgreSQL, Wolverine's durable queues, a real SMTP server.</summary>
public class DeadlineTests(AppFixture app) : IntegrationTest(app)
{
    private string Db => App.Postgres.ConnectionString;

    private async Task<List<(string Name, long NextFire)>> Triggers(Guid reviewId)
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select trigger_name, next_fire_time from guidanceflow.qrtz_triggers where trigger_group = @g order by next_fire_time", connection);
        command.Parameters.AddWithValue("g", reviewId.ToString());
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    private async Task<ReviewView> Invited(params string[] stakeholders)
    {
        var view = await Api.OpenReview();
        await Api.CreateGrid(view.Id);
        return await Api.Invite(view.Id, stakeholders);
    }

    private async Task<ReviewView> WindowWithDeadline(DateTimeOffset deadline, params string[] stakeholders) =>
        await Api.OpenWindow((await Invited(stakeholders)).Id, deadline);

    [Fact]
    public async Task A_reminder_reaches_only_the_stakeholders_who_have_not_responded()
    {
        // The 1-day reminder falls a few seconds from now; Tom responds before it.
        var view = await Soon.WithRoom(async room =>
        {
            var view = await Invited("tom.hadley", "sunil.mehta", "joan.petrie");
            var reminder = Soon.In(room);
            await Soon.Before(reminder, "opening the window", () => Api.OpenWindow(view.Id, reminder.AddDays(1)));
            await Soon.Before(reminder, "Tom's response", () => Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "Met")));
            return view;
        });

        var reminders = await Wait.Until(() => App.Smtp.About(view.Id).Where(m => (m.Subject ?? "").StartsWith("Reminder:")).ToList(),
            list => list.Count >= 2, "two reminder emails");
        Assert.Equal(["joan.petrie@riversidecommunity.example.nhs.uk", "sunil.mehta@oakfield.example.nhs.uk"],
            reminders.Select(m => m.To()).Order());
        Assert.Contains("in 1 day", reminders[0].TextBody);

        var sent = (await Api.History(view.Id)).Single(h => h.Type == "ResponseReminderSent");
        Assert.Equal("guidanceflow", sent.Actor.UserId);
        Assert.Equal(["sunil.mehta", "joan.petrie"], sent.Data.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(ReviewStatus.AwaitingResponses, (await Api.View(view.Id)).Status);
    }

    [Fact]
    public async Task The_window_closes_by_itself_at_its_deadline_and_a_later_response_is_409()
    {
        var (view, deadline) = await Soon.WithRoom(async room =>
        {
            var view = await Invited("tom.hadley", "sunil.mehta", "joan.petrie");
            var deadline = Soon.In(room);
            await Soon.Before(deadline, "opening the window", () => Api.OpenWindow(view.Id, deadline));
            await Soon.Before(deadline, "Tom's response", () => Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "Met")));
            return (view, deadline);
        });

        var closed = await Wait.Until(() => Api.View(view.Id), v => v.Status == ReviewStatus.Collated, "the window to close at its deadline");
        Assert.Equal(WindowClosure.AtDeadline, closed.WindowClosedBy);
        Assert.True(closed.WindowClosedAt >= deadline);
        Assert.NotNull(closed.DistributedAt);

        var history = await Api.History(view.Id);
        var closing = history.Single(h => h.Type == "ResponseWindowClosed");
        Assert.Equal(["sunil.mehta", "joan.petrie"], closing.Data.GetProperty("nonResponders").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(("guidanceflow", "Scheduler"), (closing.Actor.UserId, closing.Actor.Role));
        Assert.Single(history, h => h.Type == "CollatedResponseDistributed");

        var late = await Api.Problem(await Api.Put("sunil.mehta", $"/api/reviews/{view.Id}/responses/sunil.mehta",
            new { responses = new[] { Api.Answer("1.1.1", "NotMet") } }), 409);
        Assert.Contains("window closed", late.GetProperty("detail").GetString());

        var mail = await Wait.Until(() => App.Smtp.About(view.Id).Where(m => (m.Subject ?? "").Contains("collated response") || (m.Subject ?? "").Contains("responses closed")).ToList(),
            list => list.Count >= 4, "distribution and closure emails");
        Assert.Equal(["amara.okafor@riverside.example.nhs.uk", "joan.petrie@riversidecommunity.example.nhs.uk",
                "sunil.mehta@oakfield.example.nhs.uk", "tom.hadley@riverside.example.nhs.uk"], mail.Select(m => m.To()).Order());
        var chair = mail.Single(m => m.To().StartsWith("amara"));
        Assert.Contains("Not responded: Dr Sunil Mehta (Oakfield Medical Practice); Joan Petrie", chair.TextBody);
        Assert.Contains("#005eb8", chair.HtmlBody);
    }

    [Fact]
    public async Task An_extension_moves_the_triggers_and_closing_by_hand_or_closing_the_review_cancels_them()
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(3);
        var view = await WindowWithDeadline(deadline, "tom.hadley");

        // Reminder 1 day before, and the close. (The 7-day reminder was already past when the window opened.)
        var before = await Wait.Until(() => Triggers(view.Id), t => t.Count == 2, "the window's two triggers");
        Assert.Equal([deadline.AddDays(-1).UtcTicks, deadline.UtcTicks], before.Select(t => t.NextFire));
        var listed = await Api.Read<List<DeadlineView>>(await Api.Get(Api.Chair, $"/api/reviews/{view.Id}/deadlines"));
        Assert.Equal([DeadlineAction.RemindNonResponders, DeadlineAction.CloseResponseWindow], listed.Select(d => d.Action));
        Assert.Equal(UkTime.Format(deadline), listed[1].DueUk);

        var extended = deadline.AddDays(4);
        var problem = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/deadlines/extend",
            new { deadline = "ResponseWindow", newDue = extended, reason = "" }), 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/deadlines/extend",
            new { deadline = "ResponseWindow", newDue = extended, reason = "Easter bank holidays" }));

        var moved = await Wait.Until(() => Triggers(view.Id), t => t.Count == 2 && t[1].NextFire == extended.UtcTicks, "the triggers to move");
        Assert.Equal([extended.AddDays(-1).UtcTicks, extended.UtcTicks], moved.Select(t => t.NextFire));
        Assert.Equal(extended.ToUnixTimeSeconds(), (await Api.View(view.Id)).ResponseDeadline!.Value.ToUnixTimeSeconds());

        // Closing by hand: the reminder and the close go; the financial impact falls due in 14 days.
        await Api.CloseWindow(view.Id);
        var afterClose = await Wait.Until(() => Triggers(view.Id), t => t.Count == 1 && t[0].Name.StartsWith("FinancialImpact"), "only the financial-impact trigger");
        Assert.True(afterClose[0].NextFire > DateTimeOffset.UtcNow.AddDays(13).UtcTicks);

        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/close", new { reason = "Guidance withdrawn" }));
        await Wait.Until(() => Triggers(view.Id), t => t.Count == 0, "no triggers after the review closes");
        Assert.Empty(await Api.Read<List<DeadlineView>>(await Api.Get(Api.Chair, $"/api/reviews/{view.Id}/deadlines")));
    }

    [Fact]
    public async Task A_technology_appraisal_has_its_90_day_funding_deadline_scheduled_from_publication()
    {
        var published = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10));
        var response = await Api.Post(Api.Chair, "/api/reviews",
            new { guidanceId = "TA999", guidanceType = "TA", title = "A new medicine", publishedOn = published, group = "Riverside NICE implementation group" });
        var view = await Api.Read<ReviewView>(response, System.Net.HttpStatusCode.Created);

        var triggers = await Wait.Until(() => Triggers(view.Id), t => t.Count == 3, "the funding warnings and deadline");
        var expected = new[] { 60, 80, 90 }.Select(d => UkTime.At(published.AddDays(d), new TimeOnly(9, 0)).UtcTicks);
        Assert.Equal(expected, triggers.Select(t => t.NextFire));

        var planning = await Api.Read<List<DeadlineView>>(await Api.Get("rachel.stone",
            $"/api/deadlines?before={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(100).ToString("O"))}"));
        var funding = planning.Where(d => d.ReviewId == view.Id).ToList();
        Assert.Equal([DeadlineAction.WarnFundingDeadline, DeadlineAction.WarnFundingDeadline, DeadlineAction.EscalateFundingDeadline],
            funding.Select(d => d.Action));
        Assert.All(funding, d => Assert.Equal(DeadlineKind.TechnologyAppraisalFunding, d.Deadline));

        var extension = await Api.Problem(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/deadlines/extend",
            new { deadline = "TechnologyAppraisalFunding", newDue = DateTimeOffset.UtcNow.AddDays(200), reason = "Budget" }), 409);
        Assert.Contains("statutory", extension.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_overdue_decision_meeting_escalates_to_the_chair_once()
    {
        var view = await WindowWithDeadline(DateTimeOffset.UtcNow.AddDays(3), "tom.hadley");
        await Api.CloseWindow(view.Id);
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/financial-impact/not-needed",
            new { reason = "No new service needed" }));
        var meeting = default(DateTimeOffset);
        // Only a meeting still ahead when the request arrives can be set; on a slow machine, set a later one.
        var scheduled = await Soon.WithRoom(async room =>
        {
            meeting = Soon.In(room);
            return await Soon.Before(meeting, "setting the meeting", async () =>
                await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{view.Id}/decision-meeting", new { meetingAt = meeting })));
        }, firstSeconds: 4);
        Assert.Equal(meeting.ToUnixTimeSeconds(), scheduled.NextDeadline!.Value.ToUnixTimeSeconds());

        var escalation = await Wait.Until(() => App.Smtp.About(view.Id).Where(m => (m.Subject ?? "").StartsWith("Overdue:")).ToList(),
            list => list.Count >= 1, "the escalation email");
        Assert.Equal("amara.okafor@riverside.example.nhs.uk", Assert.Single(escalation).To());
        Assert.Contains("decision", escalation[0].Subject);

        var history = await Api.History(view.Id);
        var escalated = Assert.Single(history, h => h.Type == "DeadlineEscalated");
        Assert.Equal("Decision", escalated.Data.GetProperty("deadline").GetString());
        await Wait.Until(() => Triggers(view.Id), t => t.Count == 0, "no trigger left once escalated");
    }

    [Fact]
    public async Task A_technology_appraisal_opened_after_its_90th_day_escalates_at_once_and_skips_stale_warnings()
    {
        var published = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-95));
        var view = await Api.Read<ReviewView>(await Api.Post(Api.Chair, "/api/reviews",
            new { guidanceId = "TA950", guidanceType = "TA", title = "A late appraisal", publishedOn = published, group = "Riverside NICE implementation group" }),
            System.Net.HttpStatusCode.Created);

        var alert = await Wait.Until(() => App.Smtp.About(view.Id).Where(m => (m.Subject ?? "").StartsWith("Statutory deadline passed")).ToList(),
            list => list.Count >= 1, "the statutory-deadline escalation");
        Assert.Equal("amara.okafor@riverside.example.nhs.uk", Assert.Single(alert).To());
        Assert.Contains(UkTime.Format(UkTime.At(published.AddDays(90), new TimeOnly(9, 0))), alert[0].TextBody);

        var alerts = (await Api.History(view.Id)).Where(h => h.Type == "FundingDeadlineAlert").ToList();
        Assert.Equal([90], alerts.Select(a => a.Data.GetProperty("day").GetInt32()));
    }

    [Fact]
    public async Task Reconciliation_rebuilds_lost_triggers_from_the_events()
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(3);
        var view = await WindowWithDeadline(deadline, "tom.hadley");
        var expected = await Wait.Until(() => Triggers(view.Id), t => t.Count == 2, "the window's triggers");

        // Lose them, as if the process had died between the events committing and the triggers being written.
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(view.Id.ToString())))
            await scheduler.UnscheduleJob(key);
        Assert.Empty(await Triggers(view.Id));

        var checkedReviews = await Host.Services.GetRequiredService<DeadlineReconciliation>().ReconcileAsync(CancellationToken.None);
        Assert.True(checkedReviews >= 1);
        Assert.Equal(expected, await Triggers(view.Id));
    }
}

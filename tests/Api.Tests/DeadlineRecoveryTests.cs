using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Exactly once in effect, with GuidanceFlow running as separate processes on a database of their
/// own: across a restart that spans the deadline, and with two instances sharing one database.
/// </summary>
public class DeadlineRecoveryTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Stakeholders = ["tom.hadley", "sunil.mehta", "joan.petrie", "claire.baxter"];

    /// <summary>A review whose window closes <paramref name="room"/> after it opens, with Tom's response in before then.</summary>
    private static async Task<(Guid Id, DateTimeOffset Deadline)> ReviewClosingIn(Api api, TimeSpan room)
    {
        var view = await api.OpenReview();
        await api.CreateGrid(view.Id);
        await api.Invite(view.Id, Stakeholders);
        var deadline = Soon.In(room);
        await Soon.Before(deadline, "opening the window", () => api.OpenWindow(view.Id, deadline));
        await Soon.Before(deadline, "Tom's response", () => api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "Met")));
        return (view.Id, deadline);
    }

    /// <summary>Each (recipient, subject) once: invitations, closure, distribution.</summary>
    private void AssertEveryEmailOnce(Guid reviewId)
    {
        var mail = App.Smtp.About(reviewId);
        var repeated = mail.GroupBy(m => (m.To(), m.Subject)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeated);
        Assert.Equal(Stakeholders.Length, mail.Count(m => (m.Subject ?? "").Contains("your response is requested")));
        Assert.Equal(Stakeholders.Length, mail.Count(m => (m.Subject ?? "").Contains("collated response is ready")));
        Assert.Single(mail, m => (m.Subject ?? "").Contains("responses closed, 1 of 4 responded"));
    }

    private static async Task AssertClosedOnce(Api api, Guid reviewId)
    {
        var history = await api.History(reviewId);
        Assert.Single(history, h => h.Type == "ResponseWindowClosed");
        Assert.Single(history, h => h.Type == "CollatedResponseDistributed");
    }

    [Fact]
    public async Task Stopped_before_the_deadline_and_started_after_it_the_app_closes_the_window_once_and_sends_each_email_once()
    {
        // The first instance must be down before the deadline: on a slow machine, start again with more room.
        var (db, reviewId, deadline) = await Soon.WithRoom(async room =>
        {
            var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
            await using var first = await AppProcess.StartAsync(db, App.Smtp);
            var api = new Api(first.Client);
            var (reviewId, deadline) = await ReviewClosingIn(api, room);
            await Soon.Before(deadline, "stopping the first instance", async () =>
            {
                await Wait.Until(() => TestDatabase.TriggersAsync(db, reviewId), n => n == 1, "the close trigger to be stored");
                await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "the invitations to go out");
                await first.StopAsync();
            });
            return (db, reviewId, deadline);
        }, firstSeconds: 15);

        await Wait.Past(deadline.AddSeconds(2), "the deadline to pass while GuidanceFlow is down");
        // The close trigger is still waiting: nobody fired it while the app was down.
        Assert.Equal(1, await TestDatabase.CountAsync(db,
            "select count(*) from guidanceflow.qrtz_triggers where trigger_group = @g and trigger_name like '%:close'", ("g", reviewId.ToString())));

        await using (var second = await AppProcess.StartAsync(db, App.Smtp))
        {
            var api = new Api(second.Client);
            var view = await Wait.Until(() => api.View(reviewId), v => v.Status == ReviewStatus.Collated, "the late close on recovery");
            Assert.Equal(WindowClosure.AtDeadline, view.WindowClosedBy);
            await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "the emails to go out");
            await Wait.Until(() => App.Smtp.About(reviewId).Count(m => (m.Subject ?? "").Contains("collated response")), n => n == Stakeholders.Length, "the distribution emails");
            await AssertClosedOnce(api, reviewId);
            await second.StopAsync();
        }

        // A further restart reconciles again and finds nothing left to do.
        await using (var third = await AppProcess.StartAsync(db, App.Smtp))
        {
            var api = new Api(third.Client);
            await Wait.Until(() => TestDatabase.TriggersAsync(db, reviewId), n => n == 1, "only the financial-impact trigger");
            await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "nothing left queued");
            await AssertClosedOnce(api, reviewId);
        }
        AssertEveryEmailOnce(reviewId);
    }

    [Fact]
    public async Task Two_instances_on_one_database_close_the_window_once_and_send_each_email_once()
    {
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        await using var first = await AppProcess.StartAsync(db, App.Smtp);
        await using var second = await AppProcess.StartAsync(db, App.Smtp);
        var viaFirst = new Api(first.Client);
        var viaSecond = new Api(second.Client);

        var reviewId = (await Soon.WithRoom(room => ReviewClosingIn(viaFirst, room), firstSeconds: 8)).Id;

        await Wait.Until(() => viaSecond.View(reviewId), v => v.Status == ReviewStatus.Collated, "the window to close");
        await Wait.Until(() => App.Smtp.About(reviewId).Count(m => (m.Subject ?? "").Contains("collated response")), n => n >= Stakeholders.Length, "the distribution emails");
        await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "both instances' queues to drain");

        await AssertClosedOnce(viaSecond, reviewId);
        AssertEveryEmailOnce(reviewId);
        Assert.Equal(2, await TestDatabase.CountAsync(db, "select count(*) from guidanceflow.qrtz_scheduler_state"));
    }

    [Fact]
    public async Task Two_instances_remind_an_actions_owner_and_alert_the_chair_once_and_a_restart_sends_neither_again()
    {
        var db = await TestDatabase.CreateAsync(App.Postgres.ConnectionString);
        static bool Reminder(MimeKit.MimeMessage m) => (m.Subject ?? "").StartsWith("Reminder: an agreed action");
        static bool Overdue(MimeKit.MimeMessage m) => (m.Subject ?? "").StartsWith("Overdue: an agreed action");
        Guid reviewId;
        long waiting;
        await using (var first = await AppProcess.StartAsync(db, App.Smtp))
        await using (var second = await AppProcess.StartAsync(db, App.Smtp))
        {
            // Decided through one instance; both run the deadlines, as a cluster.
            reviewId = (await ActionTrackingTests.DecidedWithActions(new Api(first.Client))).Id;
            await Wait.Until(() => App.Smtp.About(reviewId).Count(Reminder), n => n >= 2, "the owners' reminders");
            await Wait.Until(() => App.Smtp.About(reviewId).Count(Overdue), n => n >= 1, "the chair's overdue alert");
            await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "both instances' queues to drain");
            waiting = await TestDatabase.TriggersAsync(db, reviewId); // the later actions' reminders and the review date
        }

        // Started again: its reconciliation looks at every deadline of the review and finds nothing left to send.
        await using (var again = await AppProcess.StartAsync(db, App.Smtp))
        {
            await Wait.Until(() => again.Log, log => log.Contains("Deadline reconciliation:"), "the restart's reconciliation");
            await Wait.Until(() => TestDatabase.TriggersAsync(db, reviewId), n => n == waiting, "the same deadlines waiting as before");
            await Wait.Until(() => TestDatabase.PendingMessagesAsync(db), n => n == 0, "nothing left queued");
            var history = await new Api(again.Client).History(reviewId);
            Assert.Equal(2, history.Count(h => h.Type == "ActionReminderSent"));
            Assert.Single(history, h => h.Type == "ActionOverdue");
        }
        var mail = App.Smtp.About(reviewId);
        Assert.Equal(["lucy.hart@example.nhs.uk", "sunil.mehta@oakfield.example.nhs.uk"], mail.Where(Reminder).Select(m => m.To()).Order());
        Assert.Equal("amara.okafor@riverside.example.nhs.uk", Assert.Single(mail, Overdue).To());
    }
}

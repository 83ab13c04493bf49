using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Agreed actions followed for real: progress recorded over HTTP by the group's members with who and when; the owner's reminder and
/// the chair's overdue alert sent by Quartz through a real SMTP server, each exactly once however often the deadline machinery
/// runs again; the register counting overdue actions until they are done.
/// </summary>
public sealed class ActionTrackingTests(AppFixture app) : IntegrationTest(app)
{
    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>
    /// A decided review with four actions: due in three days (owner with an email), two days ago, in three months, and in five
    /// days (owner a user) — or, not
    /// <paramref name="soon"/>, all months ahead, so no deadline fires while the test runs.
    /// </summary>
    private Task<ReviewView> DecidedWithActions(bool soon = true) => DecidedWithActions(Api, soon);

    internal static async Task<ReviewView> DecidedWithActions(Api api, bool soon = true)
    {
        await api.Get("sunil.mehta", "/api/reviews"); // signed in once, so the directory knows his email
        var review = await api.OpenReview();
        await api.CreateGrid(review.Id, "1.1.1");
        await api.Invite(review.Id, "tom.hadley");
        await api.OpenWindow(review.Id);
        await api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));
        await api.CloseWindow(review.Id);
        await Api.Read<ReviewView>(await api.Post(Api.Chair, $"/api/reviews/{review.Id}/financial-impact/not-needed", new { reason = "No new service" }));
        return await Api.Read<ReviewView>(await api.Post(Api.Chair, $"/api/reviews/{review.Id}/decision", new
        {
            outcome = "Implement",
            rationale = "Implement through the practices' own clinics.",
            reviewDate = Today.AddMonths(12),
            actions = new object[]
            {
                new { description = "Train practice nurses in inhaler checks", owner = "Lucy Hart", ownerEmail = "lucy.hart@example.nhs.uk", due = soon ? Today.AddDays(3) : Today.AddMonths(2) },
                new { description = "Audit inhaler checks", owner = "Dr Shah", due = soon ? Today.AddDays(-2) : Today.AddMonths(2) },
                new { description = "Open the spirometry hub", owner = "Dr Tom Hadley", due = Today.AddMonths(3) },
                // Owned by a GuidanceFlow user, given by their user id: reminded at the email their sign-in gave.
                new { description = "Update the practice leaflets", owner = "sunil.mehta", due = soon ? Today.AddDays(5) : Today.AddMonths(4) },
            },
        }));
    }

    private async Task<List<ActionAnswer>> Actions(Guid review, string user = Api.Chair) =>
        await Api.Read<List<ActionAnswer>>(await Api.Get(user, $"/api/reviews/{review}/actions"));

    [Fact]
    public async Task The_owner_is_reminded_and_the_chair_alerted_once_each_however_often_the_deadlines_run_again()
    {
        var review = await DecidedWithActions();

        var reminders = await Wait.Until(() => App.Smtp.About(review.Id).Where(m => (m.Subject ?? "").StartsWith("Reminder: an agreed action")).ToList(),
            list => list.Count >= 2, "the owners' reminders");
        Assert.Equal(["lucy.hart@example.nhs.uk", "sunil.mehta@oakfield.example.nhs.uk"], reminders.Select(m => m.To()).Order());
        var lucy = reminders.Single(m => m.To() == "lucy.hart@example.nhs.uk");
        Assert.Contains("Train practice nurses in inhaler checks", lucy.TextBody);
        Assert.Contains($"/reviews/{review.Id}/actions", lucy.TextBody);
        var alert = await Wait.Until(() => App.Smtp.About(review.Id).Where(m => (m.Subject ?? "").StartsWith("Overdue: an agreed action")).ToList(),
            list => list.Count >= 1, "the chair's overdue alert");
        Assert.Equal("amara.okafor@riverside.example.nhs.uk", Assert.Single(alert).To());
        Assert.Contains("Audit inhaler checks", alert[0].TextBody);

        // The machinery runs again — a reconciliation, and each deadline firing twice more — and finds nothing left to do.
        await Host.Services.GetRequiredService<DeadlineReconciliation>().ReconcileAsync(CancellationToken.None);
        await using var scope = Host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
        foreach (var key in new[] { ActionRules.ReminderKey("Train practice nurses in inhaler checks", Today.AddDays(3)),
                     ActionRules.ReminderKey("Update the practice leaflets", Today.AddDays(5)), ActionRules.OverdueKey("Audit inhaler checks", Today.AddDays(-2)) })
            for (var i = 0; i < 2; i++) await bus.InvokeAsync(new DeadlineReached(review.Id, key));
        var history = await Api.History(review.Id);
        Assert.Equal(2, history.Count(h => h.Type == "ActionReminderSent"));
        Assert.Single(history, h => h.Type == "ActionOverdue");
        Assert.All(history.Where(h => h.Type.StartsWith("Action")), h => Assert.Equal("guidanceflow", h.Actor.UserId));

        // The action due in three months has its reminder waiting; the overdue one shows as overdue, with its alert in its history.
        var actions = await Actions(review.Id);
        Assert.Equal([false, true, false, false], actions.Select(a => a.Overdue));
        Assert.Contains(actions[1].History, h => h.What.StartsWith("Overdue"));
        Assert.Contains(actions[0].History, h => h.What.StartsWith("Owner reminded"));

        // The register counts the overdue action until it is done.
        await Wait.Until(async () => (await Api.Read<RegisterPage>(await Api.Get(ProjectTests.Commissioner, $"/api/reviews?q={review.GuidanceId}&pageSize=100")))
            .Items.FirstOrDefault(r => r.Id == review.Id), r => r?.OverdueActions == 1, "the register's overdue action");
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"/api/reviews/{review.Id}/actions/2/progress", new { status = "Done", note = "Audit done: 94% checked" }));
        await Wait.Until(async () => (await Api.Read<RegisterPage>(await Api.Get(ProjectTests.Commissioner, $"/api/reviews?q={review.GuidanceId}&pageSize=100")))
            .Items.FirstOrDefault(r => r.Id == review.Id), r => r?.OverdueActions == 0, "no overdue action once it is done");
    }

    [Fact]
    public async Task The_groups_members_record_progress_with_who_and_when_and_a_refused_update_records_nothing()
    {
        var review = await DecidedWithActions(soon: false);
        var url = $"/api/reviews/{review.Id}/actions";

        var view = await Api.Read<ReviewView>(await Api.Post(ProjectTests.Finance, $"{url}/3/progress", new
        {
            status = "InProgress", note = "A room is booked at the health centre.", evidence = new[] { "https://example.nhs.uk/hub/room-booking" },
        }));
        var tracked = Assert.Single(view.ActionTracking);
        Assert.Equal(("Open the spirometry hub", ActionStatus.InProgress), (tracked.Action, tracked.Status));
        await Api.Read<ReviewView>(await Api.Post(Api.Chair, $"{url}/3/progress", new { status = "Blocked", blockedReason = "No nurse time until April" }));

        var hub = (await Actions(review.Id, "tom.hadley"))[2]; // an invited stakeholder reads them
        Assert.Equal((ActionStatus.Blocked, "No nurse time until April"), (hub.Status, hub.BlockedReason));
        var updates = hub.History.Where(h => h.Status is not null).ToList();
        Assert.Equal([("mark.fenwick", ActionStatus.InProgress), (Api.Chair, ActionStatus.Blocked)], updates.Select(h => (h.ByUserId!, h.Status!.Value)));
        Assert.Equal(["https://example.nhs.uk/hub/room-booking"], updates[0].Evidence);
        Assert.Equal("A room is booked at the health centre.", updates[0].Note);

        var before = await EveryEventCount();
        await Api.Problem(await Api.Post(Api.Chair, $"{url}/3/progress", new { status = "Blocked" }), 400);
        await Api.Problem(await Api.Post(Api.Chair, $"{url}/3/progress", new { status = "Done", evidence = new[] { "javascript:alert(1)" } }), 400);
        await Api.Problem(await Api.Post(Api.Chair, $"{url}/9/progress", new { status = "Done" }), 404);
        await Api.Problem(await Api.Post("tom.hadley", $"{url}/3/progress", new { status = "Done" }), 403);   // invited, not a member
        await Api.Problem(await Api.Post(ProjectTests.OtherChair, $"{url}/3/progress", new { status = "Done" }), 404);
        Assert.Equal(before, await EveryEventCount());
    }
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Tests;

/// <summary>
/// Agreed actions followed after the decision, with no database: progress recorded by number, the owner reminded a week before
/// (at once when set with less than a week to go, never for one already past), the chair alerted the morning after the due date —
/// each once, decided from the review's events alone, so a trigger firing twice finds nothing left to do.
/// </summary>
public class ActionTrackingTests
{
    // Decided 08:00 on Monday 2 March 2026 (GMT: UK time is UTC).
    private static readonly ActionItem Hub = new("Open the spirometry hub", "Dr Lee", new DateOnly(2026, 3, 20), "lee@example.nhs.uk");
    private static readonly ActionItem Nurses = new("Train practice nurses", "Practice manager", new DateOnly(2026, 3, 5));
    private static readonly ActionItem Audit = new("Audit inhaler checks", "Dr Shah", new DateOnly(2026, 3, 1));

    private static DecisionRecorded DecidedWith(params ActionItem[] actions) => Given.Decided() with { Actions = actions };

    private static Review Decided() => Given.History(Given.Opened(), Given.Grid(), Given.Invited(), Given.WindowOpened(), Given.Responded(),
        Given.WindowClosed(), Given.NotNeeded(), DecidedWith(Hub, Nurses, Audit));

    private static RecordActionProgress Progress(int number, ActionStatus status, string? blocked = null, string? note = null, params string[] evidence) =>
        new(Given.Id, number, status, blocked, note, evidence, null, Given.Chair);

    private static IReadOnlyList<PendingDeadline> ActionDeadlines(Review review) =>
        Deadlines.Pending(review, DeadlinePolicy.Default).Where(p => p.Deadline == DeadlineKind.Action).ToList();

    private static DateTimeOffset At(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_action_not_done_has_a_reminder_a_week_before_and_an_overdue_alert_the_morning_after_and_none_is_owed_for_one_already_past()
    {
        var pending = ActionDeadlines(Decided());

        Assert.Equal(
        [
            (ActionRules.ReminderKey("Train practice nurses", Nurses.Due), At(2, 26), DeadlineAction.RemindActionOwner), // less than a week ahead: fires at once
            (ActionRules.OverdueKey("Audit inhaler checks", Audit.Due), At(3, 2), DeadlineAction.EscalateOverdueAction),   // already past when decided
            (ActionRules.OverdueKey("Train practice nurses", Nurses.Due), At(3, 6), DeadlineAction.EscalateOverdueAction),
            (ActionRules.ReminderKey("Open the spirometry hub", Hub.Due), At(3, 13), DeadlineAction.RemindActionOwner),
            (ActionRules.OverdueKey("Open the spirometry hub", Hub.Due), At(3, 21), DeadlineAction.EscalateOverdueAction),
        ], pending.Select(p => (p.Key, p.FireAt, p.Action)));
        Assert.DoesNotContain(pending, p => p.Key == ActionRules.ReminderKey("Audit inhaler checks", Audit.Due));
    }

    [Fact]
    public void The_reminder_and_the_alert_are_each_sent_once_and_not_before_their_time()
    {
        var review = Decided();
        var remind = ActionRules.ReminderKey("Open the spirometry hub", Hub.Due);

        Assert.Empty(Deadlines.Act(review, remind, DeadlinePolicy.Default, At(3, 13, 8)).Events); // an hour early: nothing
        var sent = Deadlines.Act(review, remind, DeadlinePolicy.Default, At(3, 13)).Single<ActionReminderSent>();
        Assert.Equal(("Open the spirometry hub", "Dr Lee", "lee@example.nhs.uk", Hub.Due), (sent.Action, sent.Owner, sent.OwnerEmail, sent.Due));
        review = Review.Evolve(review, sent)!;
        Assert.Empty(Deadlines.Act(review, remind, DeadlinePolicy.Default, At(3, 14)).Events); // fired again: already done
        Assert.DoesNotContain(ActionDeadlines(review), p => p.Key == remind);

        var overdue = ActionRules.OverdueKey("Audit inhaler checks", Audit.Due);
        var alert = Deadlines.Act(review, overdue, DeadlinePolicy.Default, At(3, 2)).Single<ActionOverdue>();
        Assert.Equal(("Audit inhaler checks", "Dr Shah", Audit.Due), (alert.Action, alert.Owner, alert.Due));
        review = Review.Evolve(review, alert)!;
        Assert.Empty(Deadlines.Act(review, overdue, DeadlinePolicy.Default, At(3, 3)).Events);
    }

    [Fact]
    public void Progress_is_recorded_by_the_actions_number_and_an_action_done_is_no_longer_chased()
    {
        var review = Decided();
        var started = After(review, Progress(1, ActionStatus.InProgress, note: "Room booked", evidence: "https://example.nhs.uk/hub-plan"));
        var recorded = RecordActionProgress.Decide(review, Progress(1, ActionStatus.InProgress, note: "Room booked", evidence: "https://example.nhs.uk/hub-plan"), Given.Now)
            .Single<ActionProgressRecorded>();
        Assert.Equal(("Open the spirometry hub", ActionStatus.InProgress, "Room booked"), (recorded.Action, recorded.Status, recorded.Note));
        Assert.Equal(["https://example.nhs.uk/hub-plan"], recorded.Evidence);
        Assert.Equal(ActionStatus.InProgress, ActionRules.StatusOf(started, Hub));

        // The same status with nothing new said records nothing (a form sent twice).
        Assert.Empty(RecordActionProgress.Decide(started, Progress(1, ActionStatus.InProgress), Given.Now).Events);

        var done = After(started, Progress(1, ActionStatus.Done, note: "Opened on 9 March"));
        Assert.DoesNotContain(ActionDeadlines(done), p => p.Agreed == Hub);
        Assert.Contains(ActionDeadlines(done), p => p.Agreed == Nurses);
    }

    [Fact]
    public void A_blocked_action_says_why_and_a_number_the_decision_does_not_have_is_not_found()
    {
        var review = Decided();
        RecordActionProgress.Decide(review, Progress(2, ActionStatus.Blocked), Given.Now).ShouldBeRefused(RecordActionProgress.BlockedNeedsReason);
        var blocked = RecordActionProgress.Decide(review, Progress(2, ActionStatus.Blocked, blocked: "No trainer until April"), Given.Now).Single<ActionProgressRecorded>();
        Assert.Equal("No trainer until April", blocked.BlockedReason);
        var after = Review.Evolve(review, blocked)!;
        Assert.Empty(RecordActionProgress.Decide(after, Progress(2, ActionStatus.Blocked, blocked: "No trainer until April"), Given.Now).Events);
        Assert.Single(RecordActionProgress.Decide(after, Progress(2, ActionStatus.Blocked, blocked: "Trainer off sick"), Given.Now).Events);

        RecordActionProgress.Decide(review, Progress(0, ActionStatus.Done), Given.Now).ShouldBeRefused("numbered 1 to 3", RejectionKind.NotFound);
        RecordActionProgress.Decide(review, Progress(4, ActionStatus.Done), Given.Now).ShouldBeRefused("no action 4", RejectionKind.NotFound);
        RecordActionProgress.Decide(Given.FinanciallySettled(), Progress(1, ActionStatus.Done), Given.Now).ShouldBeRefused("no decision yet");
        RecordActionProgress.Decide(Given.History(Given.Opened(), Given.Grid(), Given.Invited(), Given.WindowOpened(), Given.Responded(), Given.WindowClosed(),
            Given.NotNeeded(), DecidedWith(Hub), new ReviewClosed(Given.Id, "Superseded", Given.Now)), Progress(1, ActionStatus.Done), Given.Now)
            .ShouldBeRefused("closed");
    }

    [Fact]
    public void An_amendment_that_keeps_an_action_keeps_its_progress_and_one_that_moves_its_due_date_chases_the_new_date()
    {
        var review = After(Decided(), Progress(1, ActionStatus.InProgress, note: "Room booked"));
        var moved = Hub with { Due = new DateOnly(2026, 4, 30) };
        var amended = Review.Evolve(review, new DecisionAmended(Given.Id, DecisionOutcome.Implement, "Because", null, [moved, Nurses], new DateOnly(2027, 3, 1),
            "The hub opens later", At(3, 3)))!;

        Assert.Equal(ActionStatus.InProgress, ActionRules.StatusOf(amended, moved));
        var keys = ActionDeadlines(amended).Select(p => p.Key).ToList();
        Assert.Contains(ActionRules.ReminderKey("Open the spirometry hub", moved.Due), keys);
        Assert.DoesNotContain(ActionRules.OverdueKey("Open the spirometry hub", Hub.Due), keys);
        Assert.DoesNotContain(keys, k => k == ActionRules.OverdueKey("Audit inhaler checks", Audit.Due)); // dropped by the amendment
        Assert.True(Deadlines.MayHaveMoved(review, amended));
    }

    [Theory]
    [InlineData("2026-03-20", ActionStatus.InProgress, "2026-03-20", false)] // due today: still the owner's day
    [InlineData("2026-03-20", ActionStatus.InProgress, "2026-03-21", true)]
    [InlineData("2026-03-20", ActionStatus.Blocked, "2026-03-21", true)]
    [InlineData("2026-03-20", ActionStatus.Done, "2026-06-01", false)]
    public void An_action_is_overdue_once_its_due_date_has_passed_unless_it_is_done(string due, ActionStatus status, string today, bool overdue) =>
        Assert.Equal(overdue, ActionRules.IsOverdue(DateOnly.Parse(due), status, DateOnly.Parse(today)));

    private static Review After(Review review, RecordActionProgress command) =>
        RecordActionProgress.Decide(review, command, Given.Now).Events.Aggregate(review, (r, e) => Review.Evolve(r, e)!);
}

namespace GuidanceFlow.Domain.Reviews;

public enum DeadlineAction
{
    RemindNonResponders,
    CloseResponseWindow,
    EscalateFinancialImpact,
    EscalateDecision,
    ReopenMonitoring,
    WarnFundingDeadline,
    EscalateFundingDeadline,
    RemindActionOwner,
    EscalateOverdueAction,
}

/// <summary>
/// Something a review's deadline will do at <see cref="FireAt"/>. <see cref="Key"/> names it
/// uniquely within the review, and changes when the deadline moves, so a trigger scheduled for an
/// old time finds nothing to do.
/// </summary>
public sealed record PendingDeadline(
    string Key,
    DeadlineKind Deadline,
    DateTimeOffset DueAt,
    DateTimeOffset FireAt,
    DeadlineAction Action,
    string Description,
    /// <summary>A reminder's days before the response deadline.</summary>
    int? DaysBefore = null,
    /// <summary>A technology appraisal alert's day of the 90-day funding period.</summary>
    int? FundingDay = null,
    /// <summary>An agreed action's reminder or overdue alert: the action.</summary>
    ActionItem? Agreed = null);

public static class DeadlineKeys
{
    public static string Reminder(DateTimeOffset deadline, int daysBefore) =>
        $"response-window:{deadline.UtcTicks}:remind-{daysBefore}d";
    public static string Close(DateTimeOffset deadline) => $"response-window:{deadline.UtcTicks}:close";
    public static string Escalation(DeadlineKind kind, DateTimeOffset due) => $"{kind}:{due.UtcTicks}:escalate";
    public static string ReviewDue(DateTimeOffset due) => $"review:{due.UtcTicks}:due";
    public static string Funding(int day) => $"ta-funding:day-{day}";
}

/// <summary>
/// Which deadlines a review has, derived from its events alone, and what to do when one arrives.
/// The scheduler mirrors <see cref="Pending"/> into triggers; a trigger only names a key, and
/// <see cref="Act"/> decides from the current state, so a repeat, a late or a stale trigger is harmless.
/// </summary>
public static class Deadlines
{
    public static IReadOnlyList<PendingDeadline> Pending(Review review, DeadlinePolicy policy)
    {
        var pending = new List<PendingDeadline>();
        if (review.IsClosed) return pending;

        var progress = review.Progress;
        if (progress is { CollectingResponses: true, ResponseDeadline: { } deadline })
        {
            foreach (var days in policy.ReminderDaysBefore.Distinct().OrderByDescending(d => d))
            {
                var fireAt = deadline.AddDays(-days);
                var key = DeadlineKeys.Reminder(deadline, days);
                // A reminder that was already due when the window opened (or moved) would mislead.
                if (fireAt >= progress.WindowScheduledAt && !review.Done.Contains(key))
                    pending.Add(new(key, DeadlineKind.ResponseWindow, deadline, fireAt, DeadlineAction.RemindNonResponders,
                        $"Remind stakeholders who have not responded, {days} {(days == 1 ? "day" : "days")} before the deadline", DaysBefore: days));
            }
            pending.Add(new(DeadlineKeys.Close(deadline), DeadlineKind.ResponseWindow, deadline, deadline, DeadlineAction.CloseResponseWindow,
                progress.Round == 0 ? "Close the response window and distribute the collated response"
                    : $"Close re-assessment round {progress.Round} and distribute the collated response"));
        }

        if (progress is { Status: ReviewStatus.Collated, FinancialImpactDue: { } financialDue })
            AddOnce(DeadlineKeys.Escalation(DeadlineKind.FinancialImpact, financialDue), DeadlineKind.FinancialImpact, financialDue,
                DeadlineAction.EscalateFinancialImpact, "Tell the chair the financial impact assessment is overdue");

        if (progress is { Status: ReviewStatus.Collated or ReviewStatus.FinanciallyAssessed, DecisionDue: { } decisionDue })
            AddOnce(DeadlineKeys.Escalation(DeadlineKind.Decision, decisionDue), DeadlineKind.Decision, decisionDue,
                DeadlineAction.EscalateDecision, "Tell the chair the decision is overdue");

        if (progress is { Status: ReviewStatus.Decided, ReviewDueAt: { } reviewDue })
            AddOnce(DeadlineKeys.ReviewDue(reviewDue), DeadlineKind.Review, reviewDue,
                DeadlineAction.ReopenMonitoring, "Reopen monitoring: the review date has arrived");

        if (review.GuidanceType == GuidanceType.TA && review.Status < ReviewStatus.Decided)
        {
            var fundingDue = FundingDeadline(review);
            var period = review.FundingDays;
            foreach (var day in DeadlinePolicy.FundingWarningDays(period))
            {
                var fireAt = UkTime.At(review.PublishedOn.AddDays(day), DeadlinePolicy.AlertTimeOfDay);
                // A warning already past when the review was opened is not sent late.
                if (fireAt >= review.OpenedAt)
                    AddOnce(DeadlineKeys.Funding(day), DeadlineKind.TechnologyAppraisalFunding, fundingDue,
                        DeadlineAction.WarnFundingDeadline, $"Warn the chair: day {day} of the {period}-day statutory funding period", fireAt, day);
            }
            AddOnce(DeadlineKeys.Funding(period), DeadlineKind.TechnologyAppraisalFunding, fundingDue,
                DeadlineAction.EscalateFundingDeadline, $"Tell the chair the {period}-day statutory funding deadline has passed without a decision",
                fundingDay: period);
        }

        if (ActionRules.AreTracked(review))
            foreach (var action in review.Decision!.Actions.Where(a => ActionRules.StatusOf(review, a) != ActionStatus.Done).DistinctBy(ActionRules.Key))
            {
                var name = ActionRules.Key(action);
                var dueAt = UkTime.At(action.Due, DeadlinePolicy.AlertTimeOfDay);
                // A reminder is owed for an action due after the day it was set; less than a week ahead, it goes at once.
                if (review.ActionsSetAt is { } set && action.Due > UkTime.DateOf(set))
                    AddOnce(ActionRules.ReminderKey(name, action.Due), DeadlineKind.Action, dueAt, DeadlineAction.RemindActionOwner,
                        $"Remind {action.Owner} that an agreed action is due", ActionRules.ReminderAt(action.Due), action: action);
                AddOnce(ActionRules.OverdueKey(name, action.Due), DeadlineKind.Action, dueAt, DeadlineAction.EscalateOverdueAction,
                    $"Tell the chair an agreed action is overdue ({action.Owner})", ActionRules.OverdueAt(action.Due), action: action);
            }

        return pending.OrderBy(p => p.FireAt).ToList();

        void AddOnce(string key, DeadlineKind kind, DateTimeOffset due, DeadlineAction what, string description, DateTimeOffset? fireAt = null,
            int? fundingDay = null, ActionItem? action = null)
        {
            if (!review.Done.Contains(key)) pending.Add(new(key, kind, due, fireAt ?? due, what, description, FundingDay: fundingDay, Agreed: action));
        }
    }

    /// <summary>
    /// Whether going from <paramref name="before"/> to <paramref name="after"/> may have changed the
    /// pending deadlines. <see cref="Pending"/> reads only the review's progress (status, deadlines,
    /// what is overdue), the actions already taken and what never changes after opening; an event
    /// that touches none of them — a response, an invitation, a delegation — leaves them as they were.
    /// </summary>
    public static bool MayHaveMoved(Review? before, Review? after) =>
        before is null || after is null || before.Progress != after.Progress || !before.Done.SetEquals(after.Done)
        || before.FundingDays != after.FundingDays || before.Decision != after.Decision || before.ActionStatuses != after.ActionStatuses;

    /// <summary>Funding is due by 09:00 UK time on the last day of the funding period (the 90th day after publication unless set otherwise).</summary>
    public static DateTimeOffset FundingDeadline(Review review) =>
        UkTime.At(review.PublishedOn.AddDays(review.FundingDays), DeadlinePolicy.AlertTimeOfDay);

    /// <summary>
    /// What the deadline named <paramref name="key"/> does now. No events when there is nothing left
    /// to do: already done, no longer applies, moved, or not yet due.
    /// </summary>
    public static Decision Act(Review? review, string key, DeadlinePolicy policy, DateTimeOffset now)
    {
        if (review is null) return Decision.Accept();
        var due = Pending(review, policy).FirstOrDefault(p => p.Key == key);
        if (due is null || due.FireAt > now) return Decision.Accept();

        return due.Action switch
        {
            DeadlineAction.RemindNonResponders => Decision.Accept(new ResponseReminderSent(review.Id, due.DueAt,
                due.DaysBefore!.Value, review.NonResponders, now)),
            DeadlineAction.CloseResponseWindow => CloseResponseWindow.Decide(review,
                new CloseResponseWindow(review.Id, WindowClosure.AtDeadline, null, Actor.Scheduler), now, policy),
            DeadlineAction.EscalateFinancialImpact => Decision.Accept(new DeadlineEscalated(review.Id, DeadlineKind.FinancialImpact, due.DueAt, now)),
            DeadlineAction.EscalateDecision => Decision.Accept(new DeadlineEscalated(review.Id, DeadlineKind.Decision, due.DueAt, now)),
            DeadlineAction.ReopenMonitoring => Decision.Accept(new ReviewDue(review.Id, review.Decision!.ReviewDate, due.DueAt)),
            DeadlineAction.RemindActionOwner => Decision.Accept(new ActionReminderSent(review.Id, ActionRules.Key(due.Agreed!), due.Agreed!.Owner,
                due.Agreed.OwnerEmail, due.Agreed.Due, now)),
            DeadlineAction.EscalateOverdueAction => Decision.Accept(new ActionOverdue(review.Id, ActionRules.Key(due.Agreed!), due.Agreed!.Owner,
                due.Agreed.Due, now)),
            DeadlineAction.WarnFundingDeadline or DeadlineAction.EscalateFundingDeadline =>
                Decision.Accept(new FundingDeadlineAlert(review.Id, due.FundingDay!.Value, due.DueAt, now, review.FundingDays)),
            _ => Decision.Accept(),
        };
    }
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Triage;

public enum TriageDeadlineAction { Remind, Escalate }

/// <summary>Something a triage deadline does at <see cref="FireAt"/>; <see cref="Key"/> names it uniquely within the item.</summary>
public sealed record PendingTriageDeadline(string Key, DateTimeOffset DueAt, DateTimeOffset FireAt, TriageDeadlineAction Action,
    string Description, int? DaysBefore = null);

/// <summary>
/// A group's triage timeframe: products are due to be triaged <see cref="DueDays"/> days after NICE
/// publishes them (09:00 UK time), with a reminder <see cref="ReminderDaysBefore"/> days before.
/// </summary>
public sealed record TriagePolicy(int DueDays = TriagePolicy.DefaultDueDays, int ReminderDaysBefore = 3)
{
    public const int DefaultDueDays = 14;
    public static readonly TriagePolicy Default = new();
}

/// <summary>
/// Which triage deadlines an item has, derived from its events, and what each does when it arrives —
/// the same shape as a review's (<see cref="Deadlines"/>): a trigger names a key, and <see cref="Act"/>
/// decides from the current state, so a repeated, late or stale trigger appends nothing.
/// </summary>
public static class TriageDeadlines
{
    public static string ReminderKey(DateTimeOffset due, int daysBefore) => $"triage:{due.UtcTicks}:remind-{daysBefore}d";
    public static string EscalationKey(DateTimeOffset due) => $"triage:{due.UtcTicks}:escalate";

    public static DateTimeOffset DueAt(DateOnly issued, int dueDays) => UkTime.At(issued.AddDays(dueDays), DeadlinePolicy.AlertTimeOfDay);

    public static IReadOnlyList<PendingTriageDeadline> Pending(TriageItem item, TriagePolicy policy)
    {
        var pending = new List<PendingTriageDeadline>();
        // Triaged items have nothing due; nor has an item that reached the queue already overdue (a new
        // group taking in recent products, say): it shows as overdue, but nobody is chased for the backlog.
        if (!item.IsAwaiting || item.DueAt < item.ScheduledAt) return pending;

        var remindAt = item.DueAt.AddDays(-policy.ReminderDaysBefore);
        var reminder = ReminderKey(item.DueAt, policy.ReminderDaysBefore);
        if (policy.ReminderDaysBefore > 0 && remindAt >= item.ScheduledAt && !item.Done.Contains(reminder))
            pending.Add(new(reminder, item.DueAt, remindAt, TriageDeadlineAction.Remind,
                $"Remind the triage leads: {item.GuidanceNumber} is due to be triaged in {policy.ReminderDaysBefore} days", policy.ReminderDaysBefore));
        var escalation = EscalationKey(item.DueAt);
        if (!item.Done.Contains(escalation))
            pending.Add(new(escalation, item.DueAt, item.DueAt, TriageDeadlineAction.Escalate,
                $"Tell the chair {item.GuidanceNumber} has not been triaged by its deadline"));
        return pending;
    }

    public static Decision Act(TriageItem? item, string key, TriagePolicy policy, DateTimeOffset now)
    {
        if (item is null) return Decision.Accept();
        var due = Pending(item, policy).FirstOrDefault(p => p.Key == key);
        if (due is null || due.FireAt > now) return Decision.Accept();
        return due.Action == TriageDeadlineAction.Remind
            ? Decision.Accept(new TriageReminderSent(item.Id, due.DueAt, due.DaysBefore!.Value, now))
            : Decision.Accept(new TriageEscalated(item.Id, due.DueAt, now));
    }

    /// <summary>Overdue: not triaged and past its deadline.</summary>
    public static bool IsOverdue(TriageItem item, DateTimeOffset now) => item.IsAwaiting && now >= item.DueAt;
}

using System.Security.Cryptography;
using System.Text;

namespace GuidanceFlow.Domain.Reviews;

/// <summary>Where an agreed action stands. Blocked says why.</summary>
public enum ActionStatus { NotStarted, InProgress, Done, Blocked }

/// <summary>
/// Someone in the group recorded how an agreed action is going: its status (blocked with why), a progress note and evidence
/// (links). <paramref name="Action"/> is the action's description, which names it across amendments that keep it.
/// </summary>
public sealed record ActionProgressRecorded(
    Guid ReviewId, string Action, ActionStatus Status, string? BlockedReason, string? Note, IReadOnlyList<string> Evidence, DateTimeOffset RecordedAt)
    : IReviewEvent;

/// <summary>The action's owner was reminded that it is due (by the deadline machinery, once per due date).</summary>
public sealed record ActionReminderSent(Guid ReviewId, string Action, string Owner, string? OwnerEmail, DateOnly Due, DateTimeOffset SentAt) : IReviewEvent;

/// <summary>The action's due date passed with it not done; the chair was told (once per due date).</summary>
public sealed record ActionOverdue(Guid ReviewId, string Action, string Owner, DateOnly Due, DateTimeOffset AlertedAt) : IReviewEvent;

/// <summary>
/// The one home of the rules on agreed actions: which are tracked (the decision as it now stands), when an owner is reminded
/// and the chair alerted, and when one counts as overdue.
/// </summary>
public static class ActionRules
{
    /// <summary>The owner hears a week before the due date (at once, when the action is set with less than a week to go).</summary>
    public const int ReminderDaysBefore = 7;

    public const int MaxEvidence = 10;

    /// <summary>An action's name across amendments: its description as written, trimmed.</summary>
    public static string Key(ActionItem action) => action.Description.Trim();

    /// <summary>Where the action stands now: not started until someone records otherwise.</summary>
    public static ActionStatus StatusOf(Review review, ActionItem action) =>
        review.ActionStatuses.GetValueOrDefault(Key(action), ActionStatus.NotStarted);

    /// <summary>Actions are tracked once the decision is recorded, until the review is closed.</summary>
    public static bool AreTracked(Review review) => review.Decision is not null && !review.IsClosed;

    public static DateTimeOffset ReminderAt(DateOnly due) => UkTime.At(due.AddDays(-ReminderDaysBefore), DeadlinePolicy.AlertTimeOfDay);

    /// <summary>The chair is alerted the working morning after the due date: the whole due day is the owner's.</summary>
    public static DateTimeOffset OverdueAt(DateOnly due) => UkTime.At(due.AddDays(1), DeadlinePolicy.AlertTimeOfDay);

    /// <summary>Overdue: its due date has passed (UK date) and it is not done.</summary>
    public static bool IsOverdue(DateOnly due, ActionStatus status, DateOnly today) => status != ActionStatus.Done && due < today;

    /// <summary>Trigger keys: the action's description hashed (it may be long and hold any text) with its due date.</summary>
    public static string ReminderKey(string action, DateOnly due) => $"action:{Hash(action)}:{due:yyyyMMdd}:remind";
    public static string OverdueKey(string action, DateOnly due) => $"action:{Hash(action)}:{due:yyyyMMdd}:overdue";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    public static string NoSuchAction(int number, int count) =>
        count == 0 ? "The decision has no agreed actions." : $"The decision has no action {number}: its actions are numbered 1 to {count}.";
}

/// <summary>
/// Someone with a role in the group records progress on agreed action <paramref name="Action"/> (numbered from 1 as the decision
/// lists them): its status, a note, evidence links. Who and when go with the event.
/// </summary>
public sealed record RecordActionProgress(
    Guid ReviewId, int Action, ActionStatus Status, string? BlockedReason, string? Note, IReadOnlyList<string>? Evidence, long? ExpectedVersion, Actor Actor)
    : IReviewCommand
{
    public const string BlockedNeedsReason = "Say what is blocking the action.";

    public static Decision Decide(Review? review, RecordActionProgress c, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, c) is { } refused) return refused;
        if (review!.Decision is not { } decision) return Decision.Reject("There is no decision yet, so no agreed actions to track.");
        if (c.Action < 1 || c.Action > decision.Actions.Count) return Decision.NotFoundWith(ActionRules.NoSuchAction(c.Action, decision.Actions.Count));
        if (!Enum.IsDefined(c.Status)) return Decision.Reject("Say where the action stands: NotStarted, InProgress, Done or Blocked.");
        var reason = string.IsNullOrWhiteSpace(c.BlockedReason) ? null : c.BlockedReason.Trim();
        if (c.Status == ActionStatus.Blocked && reason is null) return Decision.Reject(BlockedNeedsReason);
        var action = decision.Actions[c.Action - 1];
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        var evidence = (c.Evidence ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList();
        // The same status again with nothing new said (a form sent twice) records nothing.
        if (c.Status == ActionRules.StatusOf(review, action) && note is null && evidence.Count == 0
            && (c.Status != ActionStatus.Blocked || reason == review.ActionBlockedReasons.GetValueOrDefault(ActionRules.Key(action))))
            return Decision.Accept();
        return Decision.Accept(new ActionProgressRecorded(review.Id, ActionRules.Key(action), c.Status,
            c.Status == ActionStatus.Blocked ? reason : null, note, evidence, now));
    }
}

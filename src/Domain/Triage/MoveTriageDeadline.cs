using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Triage;

/// <summary>
/// The chair sets an item's triage deadline to another time (the next meeting, say), with the reason.
/// Its reminder and escalation follow the new time; those of the old one no longer apply.
/// </summary>
public sealed record MoveTriageDeadline(Guid TriageId, DateTimeOffset DueAt, string Reason, Actor Actor)
{
    public const string NotAhead = "Set the triage deadline to a time in the future.";

    public static Decision Decide(TriageItem? item, MoveTriageDeadline command, DateTimeOffset now)
    {
        if (item is null) return Decision.NotFoundWith(TriageRules.NoSuchItem(command.TriageId));
        if (!item.IsAwaiting) return Decision.Reject($"{item.GuidanceNumber} has been triaged; it has no triage deadline to move.");
        if (command.DueAt <= now) return Decision.Reject(NotAhead);
        if (string.IsNullOrWhiteSpace(command.Reason)) return Decision.Reject("Say why the triage deadline moves.");
        if (command.DueAt == item.DueAt) return Decision.Accept();
        return Decision.Accept(new TriageDeadlineMoved(item.Id, command.DueAt, command.Reason.Trim(), now));
    }
}

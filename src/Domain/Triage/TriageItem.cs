using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Triage;

// One group's triage of one NICE product: its own stream, so every group decides for itself and every
// decision keeps who made it and when (in the event store's metadata, as for reviews).

public interface ITriageEvent
{
    Guid TriageId { get; }
}

/// <summary>A product NICE published reached the group's triage queue, due to be triaged by <paramref name="DueAt"/>.</summary>
public sealed record GuidanceQueuedForTriage(
    Guid TriageId, string Group, Guid ProductId, string GuidanceNumber, GuidanceType Type, string Title, DateOnly Issued,
    DateTimeOffset DueAt, DateTimeOffset QueuedAt) : ITriageEvent;

public sealed record GuidanceTriagedRelevant(
    Guid TriageId, IReadOnlyList<string> Services, IReadOnlyList<string> Organisations, string ClinicalLead, string ManagerialLead,
    DateTimeOffset TriagedAt) : ITriageEvent;

public sealed record GuidanceTriagedNotRelevant(Guid TriageId, string Reason, DateTimeOffset TriagedAt) : ITriageEvent;

/// <summary>Another review (of this group) already covers what the product asks.</summary>
public sealed record GuidanceTriagedAlreadyCovered(Guid TriageId, string CoveredBy, DateTimeOffset TriagedAt) : ITriageEvent;

/// <summary>The chair set the item's triage deadline to another time, with why.</summary>
public sealed record TriageDeadlineMoved(Guid TriageId, DateTimeOffset DueAt, string Reason, DateTimeOffset MovedAt) : ITriageEvent;

public sealed record TriageReminderSent(Guid TriageId, DateTimeOffset DueAt, int DaysBefore, DateTimeOffset SentAt) : ITriageEvent;

public sealed record TriageEscalated(Guid TriageId, DateTimeOffset DueAt, DateTimeOffset EscalatedAt) : ITriageEvent;

/// <summary>The group opened its review of the product from this triage; the triage is then settled.</summary>
public sealed record TriagedReviewOpened(Guid TriageId, Guid ReviewId, DateTimeOffset OpenedAt) : ITriageEvent;

public enum TriageOutcome { Relevant, NotRelevant, AlreadyCovered }

public enum TriageStatus { Awaiting, Relevant, NotRelevant, AlreadyCovered, ReviewOpened }

/// <summary>What the group decided, with what each outcome needs.</summary>
public sealed record TriageDecision(
    TriageOutcome Outcome,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Organisations,
    string? ClinicalLead,
    string? ManagerialLead,
    string? Reason,
    string? CoveredBy,
    DateTimeOffset At);

/// <summary>The write-side state of one triage: only what the rules need.</summary>
public sealed record TriageItem(
    Guid Id,
    string Group,
    Guid ProductId,
    string GuidanceNumber,
    GuidanceType Type,
    string Title,
    DateOnly Issued,
    DateTimeOffset DueAt,
    TriageDecision? Decision,
    Guid? ReviewId)
{
    /// <summary>Deadline actions already taken (by key), so a trigger that fires again finds nothing to do.</summary>
    public ImmutableHashSet<string> Done { get; init; } = [];

    public DateTimeOffset QueuedAt { get; init; }

    /// <summary>When the current deadline was set (queued, or moved): a reminder already due by then is not sent late.</summary>
    public DateTimeOffset ScheduledAt { get; init; }

    /// <summary>Where the item stands, kept as a column for the group's queue.</summary>
    public TriageStatus Status { get; init; }

    /// <summary>The audit hash of the stream's last event (as for reviews); the rules never read it.</summary>
    public string ChainHead { get; init; } = "";

    /// <summary>Not yet triaged: it counts towards the deadline.</summary>
    public bool IsAwaiting => Decision is null;

    /// <summary>One stream per group and product, wherever the queueing starts from: an id derived from both.</summary>
    public static Guid IdFor(string group, string guidanceNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"guidanceflow:triage:{group.Trim()}\n{GuidanceProduct.Normalise(guidanceNumber)}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static TriageItem? Evolve(TriageItem? item, object e) =>
        Fold(item, e) is { } next ? next with { Status = StatusOf(next) } : null;

    private static TriageStatus StatusOf(TriageItem item) => item switch
    {
        { ReviewId: not null } => TriageStatus.ReviewOpened,
        { Decision: null } => TriageStatus.Awaiting,
        { Decision.Outcome: TriageOutcome.Relevant } => TriageStatus.Relevant,
        { Decision.Outcome: TriageOutcome.NotRelevant } => TriageStatus.NotRelevant,
        _ => TriageStatus.AlreadyCovered,
    };

    private static TriageItem? Fold(TriageItem? item, object e) => e switch
    {
        GuidanceQueuedForTriage q => new(q.TriageId, q.Group, q.ProductId, q.GuidanceNumber, q.Type, q.Title, q.Issued, q.DueAt, null, null)
            { QueuedAt = q.QueuedAt, ScheduledAt = q.QueuedAt },
        _ when item is null => null,
        GuidanceTriagedRelevant r => item with
        {
            Decision = new(TriageOutcome.Relevant, r.Services, r.Organisations, r.ClinicalLead, r.ManagerialLead, null, null, r.TriagedAt),
        },
        GuidanceTriagedNotRelevant n => item with { Decision = new(TriageOutcome.NotRelevant, [], [], null, null, n.Reason, null, n.TriagedAt) },
        GuidanceTriagedAlreadyCovered c => item with { Decision = new(TriageOutcome.AlreadyCovered, [], [], null, null, null, c.CoveredBy, c.TriagedAt) },
        TriageDeadlineMoved m => item with { DueAt = m.DueAt, ScheduledAt = m.MovedAt },
        TriageReminderSent s => item with { Done = item.Done.Add(TriageDeadlines.ReminderKey(s.DueAt, s.DaysBefore)) },
        TriageEscalated x => item with { Done = item.Done.Add(TriageDeadlines.EscalationKey(x.DueAt)) },
        TriagedReviewOpened o => item with { ReviewId = o.ReviewId },
        // A triage event added without a case here is a mistake, not something to skip.
        ITriageEvent t => throw new InvalidOperationException($"The triage fold does not name {t.GetType().Name}."),
        _ => item,
    };
}

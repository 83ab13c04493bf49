using GuidanceFlow.Domain.Triage;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Triage;

/// <summary>
/// Binds triage's pure fold to Marten, inline: each item's state (and its audit chain's head) is stored
/// with every append, and is also the row the group's queue is read from.
/// </summary>
public sealed class TriageItemAggregation : SingleStreamProjection<TriageItem, Guid>
{
    // Only triage streams: reviews and catalogue products never look for a triage item.
    public TriageItemAggregation()
    {
        IncludeType<GuidanceQueuedForTriage>();
        IncludeType<GuidanceTriagedRelevant>();
        IncludeType<GuidanceTriagedNotRelevant>();
        IncludeType<GuidanceTriagedAlreadyCovered>();
        IncludeType<TriageDeadlineMoved>();
        IncludeType<TriageReminderSent>();
        IncludeType<TriageEscalated>();
        IncludeType<TriagedReviewOpened>();
    }

    public override TriageItem? Evolve(TriageItem? snapshot, Guid id, IEvent e) =>
        TriageItem.Evolve(snapshot, e.Data) is { } next ? next with { ChainHead = ChainHeaders.HashOf(e) ?? next.ChainHead } : null;
}

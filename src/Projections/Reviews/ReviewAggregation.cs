using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Reviews;

/// <summary>
/// Binds the pure domain's fold to Marten. Registered inline, so the write model is stored with
/// every append (in the same transaction) and a command reads one row, not the stream. The stored
/// state also carries the last event's audit hash, so the next append needs no read of the stream.
/// The domain names no Marten type, so Marten's source generator has nothing to find there; an
/// explicit Evolve needs no generated dispatcher.
/// </summary>
public sealed class ReviewAggregation : SingleStreamProjection<Review, Guid>
{
    public override Review? Evolve(Review? snapshot, Guid id, IEvent e) =>
        Review.Evolve(snapshot, e.Data) is { } next ? next with { ChainHead = ChainHeaders.HashOf(e) ?? next.ChainHead } : null;
}

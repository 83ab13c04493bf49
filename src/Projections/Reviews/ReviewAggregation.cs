using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Reviews;

/// <summary>
/// Binds the pure domain's fold to Marten, so the write side can load a <see cref="Review"/>
/// live from its events. The domain names no Marten type, so Marten's source generator has
/// nothing to find there; an explicit Evolve needs no generated dispatcher.
/// </summary>
public sealed class ReviewAggregation : SingleStreamProjection<Review, Guid>
{
    public override Review? Evolve(Review? snapshot, Guid id, IEvent e) => Review.Evolve(snapshot, e.Data);
}

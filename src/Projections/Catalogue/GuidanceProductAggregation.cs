using GuidanceFlow.Domain.Catalogue;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Catalogue;

/// <summary>
/// Binds the catalogue's pure fold to Marten, inline: a product's current version is stored with every
/// append, so recording the next version reads one row, however many versions came before.
/// </summary>
public sealed class GuidanceProductAggregation : SingleStreamProjection<GuidanceProduct, Guid>
{
    // Only catalogue streams: without these Marten would look for a product on every review write (one more
    // round trip each; bench: 7.0 -> 8.3-9.1 per response).
    public GuidanceProductAggregation()
    {
        IncludeType<GuidanceProductPublished>();
        IncludeType<GuidanceProductUpdated>();
        IncludeType<GuidanceProductWithdrawn>();
    }

    public override GuidanceProduct? Evolve(GuidanceProduct? snapshot, Guid id, IEvent e) => GuidanceProduct.Evolve(snapshot, e.Data);
}

using GuidanceFlow.Domain.Catalogue;

namespace GuidanceFlow.Workflows.Reviews;

/// <summary>A product's versions as the catalogue's stream holds them: the recommendations of any one of them.</summary>
public static class CatalogueVersions
{
    /// <summary>Version <paramref name="version"/> and the newest, or nulls when the catalogue lacks the product or that version.</summary>
    public static async Task<(FollowNiceUpdate.CatalogueVersion? Since, FollowNiceUpdate.CatalogueVersion? Current, GuidanceProduct? Product)> LoadAsync(
        IQuerySession session, string guidanceNumber, int? version, CancellationToken ct)
    {
        if (version is null || !GuidanceProduct.IsGuidanceNumber(guidanceNumber)) return (null, null, null);
        // A product has a handful of versions over its life: its stream is read whole.
        var events = await session.Events.FetchStreamAsync(GuidanceProduct.IdFor(guidanceNumber), token: ct);
        GuidanceProduct? product = null;
        FollowNiceUpdate.CatalogueVersion? since = null;
        foreach (var e in events)
        {
            product = GuidanceProduct.Evolve(product, e.Data);
            if (product?.Version == version) since = new(product.Version, product.Recommendations);
        }
        return product is null ? (null, null, null) : (since, new(product.Version, product.Recommendations), product);
    }
}

/// <summary>The chair follows NICE's newer version of the guidance: applied to the grid, or a decided review marked for re-assessment.</summary>
public static class FollowNiceUpdateHandler
{
    [AggregateHandler]
    public static async Task<Decided> Handle(FollowNiceUpdate command, IEventStream<Review> stream, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var review = stream.Aggregate;
        var (since, current, _) = review is null ? (null, null, null)
            : await CatalogueVersions.LoadAsync(session, review.GuidanceId, review.CatalogueVersion, ct);
        return new(command, FollowNiceUpdate.Decide(review, command, since, current, clock.GetUtcNow()));
    }
}

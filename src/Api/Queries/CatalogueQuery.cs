using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using Marten;

namespace GuidanceFlow.Api.Queries;

public sealed record CatalogueFilter(string? Text = null, GuidanceType? Type = null, DateOnly? PublishedFrom = null, DateOnly? PublishedTo = null);

/// <summary>The catalogue's two reads, for the API and the pages alike: a page of products, and one product with its versions.</summary>
public static class CatalogueQuery
{
    public static async Task<CataloguePage> SearchAsync(IQuerySession query, CatalogueFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize, 1, 100);
        var number = Math.Max(page, 1);
        var products = query.Query<GuidanceProduct>().AsQueryable();
        if (filter.Type is { } t) products = products.Where(p => p.Type == t);
        if (filter.PublishedFrom is { } from) products = products.Where(p => p.Issued >= from);
        if (filter.PublishedTo is { } to) products = products.Where(p => p.Issued <= to);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            products = products.Where(p => p.GuidanceNumber.Contains(text, StringComparison.OrdinalIgnoreCase)
                                           || p.Title.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        var total = await products.CountAsync(ct);
        var skip = (long)(number - 1) * size;
        if (skip >= total) return new CataloguePage([], number, size, total);
        var items = await products.OrderByDescending(p => p.Issued).ThenBy(p => p.GuidanceNumber).Skip((int)skip).Take(size)
            .Select(p => new CatalogueItem
            {
                GuidanceNumber = p.GuidanceNumber, Type = p.Type, Title = p.Title, Issued = p.Issued,
                LastModified = p.LastModified, Version = p.Version, Status = p.Status,
            })
            .ToListAsync(ct);
        return new CataloguePage(items, number, size, total);
    }

    /// <summary>Null when the catalogue has no such product.</summary>
    public static async Task<CatalogueProduct?> ProductAsync(IQuerySession query, string number, CancellationToken ct)
    {
        var id = GuidanceProduct.IdFor(number);
        var product = await query.LoadAsync<GuidanceProduct>(id, ct);
        if (product is null) return null;
        // A product has a handful of versions over its life: its stream is read whole.
        var versions = (await query.Events.FetchStreamAsync(id, token: ct)).Select(e => e.Data switch
        {
            GuidanceProductPublished p => new CatalogueVersion(1, p.LastModified, p.Source, p.RecordedBy, "first published", []),
            GuidanceProductUpdated u => new CatalogueVersion(u.Version, u.LastModified, u.Source, u.RecordedBy,
                RecommendationChanges.Summarise(u.Changes), u.Changes),
            _ => null,
        }).OfType<CatalogueVersion>().ToList();
        return new CatalogueProduct(product, versions);
    }
}

using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using Marten;

namespace GuidanceFlow.Api.Queries;

/// <summary>What the chair may do about a NICE update: apply it to the grid, or (decided) record that the decision needs re-assessment.</summary>
public enum NiceUpdateAction { Apply, Reassess, None }

/// <summary>"NICE updated NG136 on 18 March 2022: 2 recommendations changed, 1 added", with the change per recommendation.</summary>
public sealed record NiceUpdateNotice(
    string GuidanceId, int FromVersion, int ToVersion, DateTimeOffset UpdatedAt, string Summary, IReadOnlyList<RecommendationChange> Changes,
    NiceUpdateAction Action)
{
    public string Headline => $"NICE updated {GuidanceId} on {UkTime.ToUk(UpdatedAt):d MMMM yyyy}: {Summary}";
}

public static class NiceUpdateQuery
{
    /// <summary>The update a review is behind, or null when it is on NICE's latest version (or on none). One row read when it is current.</summary>
    public static async Task<NiceUpdateNotice?> ForAsync(IQuerySession query, ReviewView view, CancellationToken ct)
    {
        if (view.CatalogueVersion is not { } on || !GuidanceProduct.IsGuidanceNumber(view.GuidanceId)) return null;
        var product = await query.LoadAsync<GuidanceProduct>(GuidanceProduct.IdFor(view.GuidanceId), ct);
        if (product is null || product.Version <= on) return null;
        var (since, current, _) = await CatalogueVersions.LoadAsync(query, view.GuidanceId, on, ct);
        if (since is null || current is null) return null;
        var changes = RecommendationChanges.Between(since.Recommendations, current.Recommendations);
        var action = view.Status switch
        {
            ReviewStatus.Closed => NiceUpdateAction.None,
            >= ReviewStatus.Decided => NiceUpdateAction.Reassess,
            _ => NiceUpdateAction.Apply,
        };
        return new(product.GuidanceNumber, on, product.Version, product.LastModified, RecommendationChanges.Summarise(changes), changes, action);
    }
}

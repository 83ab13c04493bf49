using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace GuidanceFlow.Projections.Reviews;

/// <summary>
/// The shared view as it stood at every hundredth version of a review, so time travel replays at most
/// a hundred events whatever the review's length (<c>?version=</c> and <c>?asOf=</c>).
/// </summary>
public sealed class ReviewViewSnapshot
{
    public const int Every = 100;

    public string Id { get; set; } = "";
    public Guid ReviewId { get; set; }
    public long Version { get; set; }
    /// <summary>When the event at <see cref="Version"/> was recorded.</summary>
    public DateTimeOffset At { get; set; }
    public ReviewView View { get; set; } = new();

    public static string IdFor(Guid reviewId, long version) => $"{reviewId}/{version}";
}

/// <summary>
/// Built by the async daemon, off the write path: when a review reaches a multiple of
/// <see cref="ReviewViewSnapshot.Every"/>, the previous snapshot brought forward by the events since.
/// </summary>
public sealed class ReviewViewSnapshotProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var made = new Dictionary<string, ReviewViewSnapshot>();
        foreach (var due in events.Where(e => e.Version % ReviewViewSnapshot.Every == 0 && e.Version > 0).OrderBy(e => e.Sequence))
        {
            var previousVersion = due.Version - ReviewViewSnapshot.Every;
            var previousId = ReviewViewSnapshot.IdFor(due.StreamId, previousVersion);
            var previous = previousVersion == 0 ? null
                : made.GetValueOrDefault(previousId) ?? await operations.LoadAsync<ReviewViewSnapshot>(previousId, ct);
            ReviewView? view;
            if (previous is null)
                view = await operations.Events.AggregateStreamAsync<ReviewView>(due.StreamId, due.Version, token: ct);
            else
            {
                var since = await operations.Events.FetchStreamAsync(due.StreamId, due.Version, fromVersion: previousVersion + 1, token: ct);
                view = ReviewViewProjection.Forward(previous.View, since);
            }
            if (view is null) continue;
            var snapshot = new ReviewViewSnapshot
            {
                Id = ReviewViewSnapshot.IdFor(due.StreamId, due.Version), ReviewId = due.StreamId, Version = due.Version, At = due.Timestamp, View = view,
            };
            made[snapshot.Id] = snapshot;
            operations.Store(snapshot);
        }
    }

    /// <summary>The view as it stood at a version or a moment: the nearest snapshot before it, brought forward.</summary>
    public static async Task<ReviewView?> ViewAtAsync(IQuerySession query, Guid reviewId, long? version, DateTimeOffset? asOf, CancellationToken ct)
    {
        var candidates = query.Query<ReviewViewSnapshot>().Where(s => s.ReviewId == reviewId);
        candidates = version is { } v ? candidates.Where(s => s.Version <= v) : candidates.Where(s => s.At <= asOf!.Value);
        var snapshot = await candidates.OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        if (snapshot is null) return await query.Events.AggregateStreamAsync<ReviewView>(reviewId, version ?? 0, asOf, token: ct);
        var since = await query.Events.FetchStreamAsync(reviewId, version ?? 0, asOf, fromVersion: snapshot.Version + 1, token: ct);
        return ReviewViewProjection.Forward(snapshot.View, since);
    }
}

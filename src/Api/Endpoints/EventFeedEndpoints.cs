using System.Text.Json;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Webhooks;
using GuidanceFlow.Domain.Reviews;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>
/// A page of the events feed: the review events after `after` that you may read, oldest first, in the same envelope
/// as webhooks. Ask again with `after` = `next`; `more` says whether there is more now.
/// </summary>
public sealed record EventFeedPage(IReadOnlyList<ReviewEventNotice> Events, long Next, bool More);

public static class EventFeedEndpoints
{
    public const int DefaultLimit = 100, MaxLimit = 500;

    public static void MapEventFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", async (long? after, int? limit, IQuerySession query, Access access, IOptions<JsonOptions> json,
                CancellationToken ct) =>
            {
                if (after is < 0) return Problems.Validation("after", "Start from 0, or from the `next` of the page before.");
                if (limit is < 1 or > MaxLimit) return Problems.Validation("limit", $"Ask for 1 to {MaxLimit} events at a time.");
                var from = after ?? 0;
                var take = limit ?? DefaultLimit;
                // Only events below the high-water mark: every event before them is committed, so a reader that moves
                // `after` forward never steps past one that commits late.
                var progress = await query.DocumentStore.Advanced.AllProjectionProgress(token: ct);
                var ceiling = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
                var scanned = await query.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > from && e.Sequence <= ceiling)
                    .OrderBy(e => e.Sequence).Take(take).ToListAsync(ct);
                // The same rule as a review's history: members, and stakeholders once the collated response is shared.
                var readable = new Dictionary<Guid, bool>();
                var events = new List<ReviewEventNotice>();
                foreach (var e in scanned.Where(e => e.Data is IReviewEvent))
                {
                    if (!readable.TryGetValue(e.StreamId, out var may))
                        readable[e.StreamId] = may = await access.Decide(e.StreamId, Need.EveryAnswer, ct, readsView: false) is null;
                    if (may) events.Add(ReviewEventNotices.Of(e, json.Value.SerializerOptions));
                }
                var next = scanned.Count > 0 ? scanned[^1].Sequence : from;
                return Results.Ok(new EventFeedPage(events, next, scanned.Count == take));
            })
            .RequireAuthorization()
            .WithTags("Events")
            .WithMetadata(new DocumentedQuery("after", Minimum: 0), new DocumentedQuery("limit", Minimum: 1, Maximum: MaxLimit))
            .WithSummary("The events of the reviews you may read the history of, across all of them, after a sequence number: for pull-based integrators. Each is the envelope webhooks send; de-duplicate by id")
            .Produces<EventFeedPage>().ProducesValidationProblem();
    }
}

using System.Text;
using System.Text.Json;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Projections.Views;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>The register's one query, for the API and the register page: the user's groups only, filtered, sorted, paged.</summary>
public static class ReviewQueryEndpoints
{
    private static readonly string[] SortKeys = RegisterQuery.SortKeys;

    public static void MapReviewQueries(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews").RequireAuthorization();

        reviews.MapGet("", async (IQuerySession query, Access access, ReviewStatus? status, GuidanceType? type, DateOnly? publishedFrom,
                DateOnly? publishedTo, string? q, string? group, DecisionOutcome? outcome, string? sort, int? page, int? pageSize, CancellationToken ct) =>
            {
                var sortKey = string.IsNullOrWhiteSpace(sort) ? "-opened" : sort.Trim();
                if (!SortKeys.Contains(sortKey.TrimStart('-')))
                    return Problems.Validation("sort", $"Sort by one of {string.Join(", ", SortKeys)}; put - in front to reverse.");
                var size = Math.Clamp(pageSize ?? 25, 1, 100);
                var number = Math.Max(page ?? 1, 1);

                // Only the groups the user belongs to.
                var mine = await access.GroupsWhere(ct);
                if (mine.Count == 0) return Problems.Forbidden(Access.NoRole);
                var (rows, total) = await RegisterQuery.RunAsync(query, mine,
                    new RegisterFilter(status, type, publishedFrom, publishedTo, q, group, outcome), sortKey, number, size, ct);
                return Results.Ok(new RegisterPage(rows, number, size, total, sortKey));
            })
            .WithSummary("The register of reviews: filter by status, type, outcome, publication dates, group and text; sort; page")
            .Produces<RegisterPage>().ProducesValidationProblem();

        reviews.MapGet("/{id:guid}", async (Guid id, long? version, DateTimeOffset? asOf, IQuerySession query, Access access,
                SharedViewBodies bodies, HttpContext context, CancellationToken ct) =>
            {
                if (version is not null && asOf is not null)
                    return Problems.Validation("asOf", "Ask for a version or a moment (asOf), not both.");
                if (version is < 1) return Problems.Validation("version", "Versions start at 1.");

                // Before the collated response is shared a stakeholder reads only the answers they give.
                var seesAll = await access.Decide(id, Need.EveryAnswer, ct, readsView: false) is null;
                if (version is null && asOf is null && !seesAll)
                {
                    var own = await query.LoadAsync<ReviewView>(id, ct);
                    if (own is null) return Problems.NotFound(Decision.NoSuchReview(id));
                    Versions.SetETag(context, own.Version);
                    return Results.Ok(await access.AsSeenAsync(own, ct));
                }
                if (version is null && asOf is null)
                {
                    // Now: the access check read the card, which carries the version; the body is encoded once per version.
                    var card = await access.CardAsync(id, ct);
                    var body = card is null ? null : await bodies.AtLeastAsync(id, card.Version, () => query.LoadAsync<ReviewView>(id, CancellationToken.None));
                    if (body is null) return Problems.NotFound(Decision.NoSuchReview(id));
                    Versions.SetETag(context, body.Version);
                    return SharedViewBodies.Send(context, body);
                }

                // Time travel: the nearest snapshot before that point, brought forward by at most a hundred events.
                var view = await ReviewViewSnapshotProjection.ViewAtAsync(query, id, version, asOf, ct);
                if (view is null)
                    return Problems.NotFound(asOf is null
                        ? Decision.NoSuchReview(id)
                        : $"Review {id} did not exist yet at {asOf:u}.");
                if (version is { } v && view.Version < v)
                    return Problems.NotFound($"Review {id} has no version {v}; it is at version {view.Version}.");
                return Results.Ok(seesAll ? view : await access.AsSeenAsync(view, ct));
            })
            .RequireReviewAccess(Need.Read, readsView: false)
            .WithMetadata(new DocumentedQuery("version", Minimum: 1))
            .WithSummary("The shared primary/secondary-care view of one review, now or as it was (?version=N or ?asOf=timestamp)")
            .Produces<ReviewView>().ProducesProblem(404);

        reviews.MapGet("/{id:guid}/next-steps", async (Guid id, Access access, TimeProvider clock, CancellationToken ct) =>
            {
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                if (view is null) return Problems.NotFound(Decision.NoSuchReview(id));
                return Results.Ok(NextStepsQuery.For(view, await access.RolesIn(view.Group, ct), access.UserId, clock.GetUtcNow()));
            })
            .RequireReviewAccess(Need.Read)
            .WithSummary("What you may do next on this review, in workflow order (the same list the review's page offers)")
            .Produces<List<Step>>().ProducesProblem(404);

        reviews.MapGet("/{id:guid}/matrix", async (Guid id, Access access, CancellationToken ct) =>
            {
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                if (view is null) return Problems.NotFound(Decision.NoSuchReview(id));
                return Results.Ok(ComplianceMatrix.Of(await access.AsSeenAsync(view, ct)));
            })
            .RequireReviewAccess(Need.Read)
            .WithSummary("The compliance matrix: recommendations down, stakeholders by sector across, with counts per row and column")
            .Produces<ComplianceMatrix>().ProducesProblem(404);

        reviews.MapGet("/{id:guid}/actions", async (Guid id, Access access, TimeProvider clock, CancellationToken ct) =>
            {
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                if (view is null) return Problems.NotFound(Decision.NoSuchReview(id));
                return Results.Ok(ActionAnswer.Of(view, clock.GetUtcNow()));
            })
            .RequireReviewAccess(Need.Read)
            .WithSummary("The decision's agreed actions: each one's owner, due date, status, whether it is overdue, and its history of updates, reminders and alerts")
            .Produces<List<ActionAnswer>>().ProducesProblem(404);

        reviews.MapGet("/{id:guid}/history", async (Guid id, IQuerySession query, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var events = await query.Events.FetchStreamAsync(id, token: ct);
                if (events.Count == 0) return Problems.NotFound(Decision.NoSuchReview(id));
                return Results.Ok(events.Select(e => ReviewHistory.Entry(e, json.Value.SerializerOptions)).ToList());
            })
            .RequireReviewAccess(Need.EveryAnswer, readsView: false)
            .WithSummary("Every event of a review: who did what, and when")
            .Produces<List<HistoryEntry>>().ProducesProblem(404);

        reviews.MapGet("/{id:guid}/history.csv", async (Guid id, IQuerySession query, IOptions<JsonOptions> json, CancellationToken ct) =>
                await Export(id, query, ct, events => ReviewHistory.Csv(events, json.Value.SerializerOptions), "text/csv", "csv"))
            .RequireReviewAccess(Need.EveryAnswer, readsView: false)
            .WithSummary("A review's whole history as CSV, one event a row")
            .Produces<string>(contentType: "text/csv").ProducesProblem(404);

        reviews.MapGet("/{id:guid}/history.jsonl", async (Guid id, IQuerySession query, IOptions<JsonOptions> json, CancellationToken ct) =>
                await Export(id, query, ct, events => ReviewHistory.JsonLines(events, json.Value.SerializerOptions), "application/jsonl", "jsonl"))
            .RequireReviewAccess(Need.EveryAnswer, readsView: false)
            .WithSummary("A review's whole history as JSON lines, one event a line")
            .Produces<string>(contentType: "application/jsonl").ProducesProblem(404);

        reviews.MapGet("/{id:guid}/changes", async (Guid id, long? from, long? to, IQuerySession query, IOptions<JsonOptions> json,
                CancellationToken ct) =>
            {
                var events = await query.Events.FetchStreamAsync(id, token: ct);
                if (events.Count == 0) return Problems.NotFound(Decision.NoSuchReview(id));
                var latest = events[^1].Version;
                var upper = to ?? latest;
                var lower = from ?? Math.Max(upper - 1, 0);
                if (upper > latest || upper < 1) return Problems.Validation("to", $"Choose a version from 1 to {latest}.");
                if (lower < 0 || lower >= upper) return Problems.Validation("from", $"Choose a version from 0 to {upper - 1}.");

                var options = json.Value.SerializerOptions;
                var before = lower == 0 ? null : await query.Events.AggregateStreamAsync<ReviewView>(id, lower, token: ct);
                var after = await query.Events.AggregateStreamAsync<ReviewView>(id, upper, token: ct);
                var changes = JsonDiff.Between(
                    before is null ? default : JsonSerializer.SerializeToElement(before, options),
                    JsonSerializer.SerializeToElement(after, options));
                return Results.Ok(new ReviewChanges(lower, upper, changes,
                    events.Where(e => e.Version > lower && e.Version <= upper).Select(e => ReviewHistory.Entry(e, options)).ToList()));
            })
            .RequireReviewAccess(Need.EveryAnswer, readsView: false)
            .WithSummary("What changed in the shared view between two versions, and the events (with who acted) that changed it")
            .Produces<ReviewChanges>().ProducesValidationProblem().ProducesProblem(404);
    }

    private static async Task<IResult> Export(Guid id, IQuerySession query, CancellationToken ct,
        Func<IReadOnlyList<IEvent>, string> format, string contentType, string extension)
    {
        var events = await query.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return Problems.NotFound(Decision.NoSuchReview(id));
        var guidance = events[0].Data is GuidanceReviewOpened opened ? opened.GuidanceId : "review";
        return Results.File(Encoding.UTF8.GetBytes(format(events)), $"{contentType}; charset=utf-8",
            $"{guidance}-{id:N}-history.{extension}");
    }

}

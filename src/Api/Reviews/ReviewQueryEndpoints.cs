using System.Text.Json;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using GuidanceFlow.Api.Http;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Reviews;

public sealed record RegisterRow(
    Guid Id, string GuidanceId, GuidanceType GuidanceType, string Title, DateOnly PublishedOn, string Group,
    ReviewStatus Status, DateTimeOffset? NextDeadline, int InvitedCount, int RespondedCount,
    DecisionOutcome? Outcome, long Version);

public sealed record RegisterPage(IReadOnlyList<RegisterRow> Items, int Page, int PageSize, int Total);

public sealed record HistoryActor(string? UserId, string? Name, string? Organisation, string? Role);

public sealed record HistoryEntry(
    long Sequence, long Version, string Type, DateTimeOffset Timestamp, HistoryActor Actor, JsonElement Data);

public static class ReviewQueryEndpoints
{
    public static void MapReviewQueries(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews").RequireAuthorization();

        reviews.MapGet("", async (IQuerySession query, ReviewStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            {
                var size = Math.Clamp(pageSize ?? 25, 1, 100);
                var number = Math.Max(page ?? 1, 1);
                var q = query.Query<ReviewView>().AsQueryable();
                if (status is { } s) q = q.Where(v => v.Status == s);
                var total = await q.CountAsync(ct);
                var views = await q.OrderByDescending(v => v.OpenedAt).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                var rows = views.Select(v => new RegisterRow(v.Id, v.GuidanceId, v.GuidanceType, v.Title, v.PublishedOn,
                    v.Group, v.Status, v.NextDeadline, v.InvitedCount, v.RespondedCount, v.Decision?.Outcome, v.Version)).ToList();
                return Results.Ok(new RegisterPage(rows, number, size, total));
            })
            .WithSummary("The group's register of reviews, newest first")
            .Produces<RegisterPage>();

        reviews.MapGet("/{id:guid}", async (Guid id, IQuerySession query, HttpContext context, CancellationToken ct) =>
            {
                var view = await query.LoadAsync<ReviewView>(id, ct);
                if (view is null) return Problems.NotFound($"No guidance review has the id {id}.");
                Versions.SetETag(context, view.Version);
                return Results.Ok(view);
            })
            .WithSummary("The shared primary/secondary-care view of one review")
            .Produces<ReviewView>().ProducesProblem(404);

        reviews.MapGet("/{id:guid}/history", async (Guid id, IQuerySession query, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var events = await query.Events.FetchStreamAsync(id, token: ct);
                if (events.Count == 0) return Problems.NotFound($"No guidance review has the id {id}.");
                return Results.Ok(events.Select(e => ToEntry(e, json.Value.SerializerOptions)).ToList());
            })
            .WithSummary("Every event of a review: who did what, and when")
            .Produces<List<HistoryEntry>>().ProducesProblem(404);
    }

    private static HistoryEntry ToEntry(IEvent e, JsonSerializerOptions options) => new(
        e.Sequence, e.Version, e.EventType.Name, e.Timestamp,
        new HistoryActor(Header(e, ReviewStream.ActorIdHeader) ?? e.UserName, Header(e, ReviewStream.ActorNameHeader),
            Header(e, ReviewStream.ActorOrganisationHeader), Header(e, ReviewStream.ActorRoleHeader)),
        JsonSerializer.SerializeToElement(e.Data, e.EventType, options));

    private static string? Header(IEvent e, string key) =>
        e.Headers is not null && e.Headers.TryGetValue(key, out var value) ? value?.ToString() : null;
}

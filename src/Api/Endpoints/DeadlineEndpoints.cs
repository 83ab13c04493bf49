using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Scheduling;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public static class DeadlineEndpoints
{
    public static void MapDeadlines(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reviews/{id:guid}/deadlines", async (Guid id, IQuerySession query, DeadlinePolicies policies, CancellationToken ct) =>
            {
                var review = await query.LoadAsync<Review>(id, ct);
                if (review is null) return Problems.NotFound(Decision.NoSuchReview(id));
                return Results.Ok(Deadlines.Pending(review, await policies.ForAsync(review.Group, query, ct))
                    .Select(p => DeadlineView.Of(review.Id, review.GuidanceId, review.Title, p.Key, p.Deadline, p.Action, p.DueAt, p.FireAt, p.Description))
                    .ToList());
            })
            .RequireAuthorization().RequireReviewAccess(Need.Read, readsView: false).WithTags("Deadlines")
            .WithSummary("Every pending deadline of a review: when it is due and what it will do")
            .Produces<List<DeadlineView>>().ProducesProblem(404);

        app.MapGet("/api/deadlines", async (IQuerySession query, Access access, TimeProvider clock, DateTimeOffset? before, string? group,
                CancellationToken ct) =>
            {
                var mine = await access.GroupsWhere(ct);
                if (mine.Count == 0) return Problems.Forbidden(Access.NoRole);
                var until = before ?? clock.GetUtcNow().AddDays(30);
                var q = query.Query<ScheduledDeadline>().Where(d => d.FireAt <= until && d.Group.IsOneOf(mine));
                if (!string.IsNullOrWhiteSpace(group)) q = q.Where(d => d.Group == group);
                var deadlines = await q.OrderBy(d => d.FireAt).Take(1000).ToListAsync(ct);
                return Results.Ok(deadlines
                    .Select(d => DeadlineView.Of(d.ReviewId, d.GuidanceId, d.Title, d.Key, d.Deadline, d.Action, d.DueAt, d.FireAt, d.Description))
                    .ToList());
            })
            .RequireAuthorization().WithTags("Deadlines")
            .WithSummary("Deadlines across reviews firing before a time (default: the next 30 days), for a chair's planning")
            .Produces<List<DeadlineView>>();
    }

}

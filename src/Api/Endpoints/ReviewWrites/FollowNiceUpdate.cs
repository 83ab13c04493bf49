using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GuidanceFlow.Api.Endpoints;

public sealed record FollowNiceUpdateRequest(long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapFollowNiceUpdate(RouteGroupBuilder reviews)
    {
        reviews.MapGet("/{id:guid}/nice-update", async (Guid id, Access access, IQuerySession query, CancellationToken ct) =>
            {
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                if (view is null) return Problems.NotFound(Decision.NoSuchReview(id));
                return await NiceUpdateQuery.ForAsync(query, view, ct) is { } notice ? Results.Ok(notice) : Results.NoContent();
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("The NICE update this review is behind, with the change per recommendation and what the chair may do (204 when it is on NICE's latest version)")
            .Produces<NiceUpdateNotice>().Produces(204).ProducesProblem(404);

        reviews.MapPost("/{id:guid}/nice-update", async (Guid id,
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] FollowNiceUpdateRequest? body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new FollowNiceUpdate(id, ifMatch ?? body?.Version, user.ToActor(Roles.Chair));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Chair)
            .WithSummary("Follow NICE's newer version: applied to the grid of a review not yet decided (answers to unchanged recommendations stay), or a decided review recorded as needing re-assessment")
            .Produces<ReviewView>().ProducesProblem(404).ProducesProblem(409);
    }
}

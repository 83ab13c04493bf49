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

        Act(reviews, "/{id:guid}/nice-update", Need.Chair,
            "Follow NICE's newer version: applied to the grid of a review not yet decided (answers to unchanged recommendations stay), or a decided review recorded as needing re-assessment",
            (id, user, version) => new FollowNiceUpdate(id, version, user.ToActor(Roles.Chair)));
    }
}

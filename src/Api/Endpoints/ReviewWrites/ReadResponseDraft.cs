using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public static partial class ReviewWriteRoutes
{
    private static void MapReadResponseDraft(RouteGroupBuilder reviews)
    {
        reviews.MapGet("/{id:guid}/responses/{stakeholderId}/draft", async (Guid id, string stakeholderId, ClaimsPrincipal user,
                IQuerySession query, Access access, CancellationToken ct) =>
            {
                var view = await access.ReviewAsync(id, ct); // already read by the access check
                var mine = view is not null && Respondents.MayRespondFor(stakeholderId, user.ToActor(Roles.Stakeholder),
                    view.Stakeholders.FirstOrDefault(s => s.StakeholderId == stakeholderId), view.DelegateOf(stakeholderId));
                if (!mine) return Problems.Forbidden("You can read only your own draft, or one delegated to you.");
                var draft = await query.LoadAsync<ResponseDraft>(ResponseDraft.IdFor(id, stakeholderId), ct);
                return draft is null ? Problems.NotFound("No draft saved.") : Results.Ok(draft);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("Read your saved draft")
            .Produces<ResponseDraft>().ProducesProblem(403).ProducesProblem(404);
    }
}

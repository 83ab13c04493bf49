using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

/// <param name="DelegateUserId">The colleague's GuidanceFlow user id; null withdraws the delegation.</param>
/// <param name="DelegateName">Accepted for older clients and not used: the name recorded is the directory's.</param>
public sealed record DelegateRequest(string? DelegateUserId = null, string? DelegateName = null);

public static partial class ReviewWriteRoutes
{
    private static void MapDelegateResponse(RouteGroupBuilder reviews)
    {
        reviews.MapPut("/{id:guid}/responses/{stakeholderId}/delegate", async (Guid id, string stakeholderId, DelegateRequest body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new DelegateResponse(id, stakeholderId, body.DelegateUserId, ifMatch,
                    user.ToActor(Roles.Stakeholder));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithMetadata(new ReadsIfMatch())
            .WithSummary("Let a colleague of your organisation respond for you (delegateUserId, a user who has signed in to GuidanceFlow), or withdraw it (null)")
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }
}

using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public sealed record SubmitResponseRequest(IReadOnlyList<RecommendationResponse> Responses, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapSubmitResponse(RouteGroupBuilder reviews)
    {
        reviews.MapPut("/{id:guid}/responses/{stakeholderId}", async (Guid id, string stakeholderId, SubmitResponseRequest body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                // Whose response this may be (their own, or delegated to them) is the domain's rule.
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new SubmitResponse(id, stakeholderId, body.Responses, ifMatch ?? body.Version,
                    user.ToActor(stakeholderId == user.UserId() ? Roles.Stakeholder : "Delegate"));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithMetadata(new ReadsIfMatch())
            .WithSummary("Submit or amend a stakeholder's response, per recommendation")
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}

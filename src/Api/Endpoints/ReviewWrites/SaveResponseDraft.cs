using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record DraftRequest(IReadOnlyList<RecommendationResponse> Responses);

public static partial class ReviewWriteRoutes
{
    private static void MapSaveResponseDraft(RouteGroupBuilder reviews)
    {
        reviews.MapPut("/{id:guid}/responses/{stakeholderId}/draft", async (Guid id, string stakeholderId, DraftRequest body,
                ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
            {
                var command = new SaveResponseDraft(id, stakeholderId, body.Responses,
                    user.ToActor(stakeholderId == user.UserId() ? Roles.Stakeholder : "Delegate"));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                return Results.NoContent();
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("Save a draft response: private to the stakeholder, not yet part of the record; submitting replaces it")
            .Produces(204).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}

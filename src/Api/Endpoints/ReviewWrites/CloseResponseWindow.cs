using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GuidanceFlow.Api.Endpoints;

public sealed record CloseResponseWindowRequest(long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapCloseResponseWindow(RouteGroupBuilder reviews)
    {
        reviews.MapPost("/{id:guid}/response-window/close", async (Guid id,
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CloseResponseWindowRequest? body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new CloseResponseWindow(id, WindowClosure.ByChair, ifMatch ?? body?.Version, user.ToActor(Roles.Chair));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Chair)
            .WithSummary("Close the response window now and distribute the collated response")
            .Produces<ReviewView>().ProducesProblem(404).ProducesProblem(409);
    }
}

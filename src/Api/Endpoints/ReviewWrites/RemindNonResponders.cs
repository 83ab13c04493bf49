using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GuidanceFlow.Api.Endpoints;

public sealed record RemindNonRespondersRequest(long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapRemindNonResponders(RouteGroupBuilder reviews)
    {
        reviews.MapPost("/{id:guid}/reminders", async (Guid id,
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RemindNonRespondersRequest? body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new RemindNonResponders(id, ifMatch ?? body?.Version, user.ToActor(Roles.Chair));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Chair)
            .WithSummary("Remind everyone who has not responded, now: one email each, at most once a day")
            .Produces<ReviewView>().ProducesProblem(404).ProducesProblem(409);
    }
}

using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public sealed record OpenReviewRequest(string GuidanceId, GuidanceType GuidanceType, string Title, DateOnly PublishedOn, string Group);

public static partial class ReviewWriteRoutes
{
    private static void MapOpenReview(RouteGroupBuilder reviews)
    {
        reviews.MapPost("", async (OpenReviewRequest body, ClaimsPrincipal user, CommandDispatcher commands,
                IQuerySession query, Access access, HttpContext http, CancellationToken ct) =>
            {
                var roles = await access.RolesIn(body.Group, ct);
                if (!GroupRules.MayOpenReviews(roles))
                    return (await access.MyGroups(ct)).Count == 0 ? Problems.Forbidden(Access.NoRole)
                        : roles.Count == 0 ? Problems.NotFound($"You are not a member of an implementation group named {body.Group}.")
                        : Problems.Forbidden($"Only a chair of {body.Group} can open its reviews.");
                var command = new OpenReview(Guid.CreateVersion7(), body.GuidanceId, body.GuidanceType, body.Title,
                    body.PublishedOn, body.Group, user.ToActor(Roles.Chair));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                var view = await query.LoadAsync<ReviewView>(command.ReviewId, ct);
                if (view is not null) Versions.SetETag(http, view.Version);
                return Results.Created($"/api/reviews/{command.ReviewId}", view);
            })
            .RequireAuthorization()
            .WithSummary("Open a review of newly published NICE guidance")
            .Produces<ReviewView>(StatusCodes.Status201Created).ProducesValidationProblem();
    }
}

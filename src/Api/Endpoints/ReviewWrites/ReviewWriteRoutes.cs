using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>
/// The review's write routes, one use case a file in this folder (ReviewWrites/&lt;UseCase&gt;.cs): each
/// translates HTTP into one command, sends it, and answers with the shared view as it now stands
/// (its ETag is the new stream version, for the next If-Match).
/// </summary>
/// <summary>The body of a write that carries nothing but, optionally, the version it was made at.</summary>
public sealed record VersionOnlyRequest(long? Version = null);

public static partial class ReviewWriteRoutes
{
    public static void MapReviewCommands(this IEndpointRouteBuilder app)
    {
        // Every write is rate-limited per user.
        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews").RequireRateLimiting(WriteRateLimits.Policy);
        MapOpenReview(reviews);
        MapCreateGrid(reviews);
        MapInviteStakeholders(reviews);
        MapOpenResponseWindow(reviews);
        MapCloseResponseWindow(reviews);
        MapOpenReassessment(reviews);
        MapAssessFinancialImpact(reviews);
        MapMarkFinancialImpactNotNeeded(reviews);
        MapRecordDecision(reviews);
        MapAmendDecision(reviews);
        MapRemindNonResponders(reviews);
        MapExtendDeadline(reviews);
        MapScheduleDecisionMeeting(reviews);
        MapCloseReview(reviews);
        MapFollowNiceUpdate(reviews);
        MapSetFundingPeriod(reviews);
        MapSubmitResponse(reviews);
        MapSaveResponseDraft(reviews);
        MapDelegateResponse(reviews);
        MapReadResponseDraft(reviews);
        MapRecordActionProgress(reviews);
    }

    /// <summary>A write with nothing to say but the version it was made at: the body may be empty, or `{"version": n}`.</summary>
    private static void Act(RouteGroupBuilder group, string pattern, Need need, string summary,
        Func<Guid, ClaimsPrincipal, long?, IReviewCommand> toCommand)
    {
        group.MapPost(pattern, async (Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] VersionOnlyRequest? body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                return await Versions.SendAndShow(commands, query, toCommand(id, user, ifMatch ?? body?.Version), request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(need)
            .WithMetadata(new ReadsIfMatch())
            .WithSummary(summary)
            .Produces<ReviewView>().ProducesProblem(404).ProducesProblem(409);
    }

    private static void Write<TBody>(RouteGroupBuilder group, string pattern, Need need, string summary,
        Func<Guid, TBody, ClaimsPrincipal, long?, IReviewCommand> toCommand)
    {
        group.MapPost(pattern, async (Guid id, [FromBody] TBody body, HttpRequest request, ClaimsPrincipal user,
                CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                // A JSON `null` body binds as null here (the generic parameter carries no nullability).
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = toCommand(id, body, user, ifMatch);
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(need)
            .WithMetadata(new ReadsIfMatch())
            .WithSummary(summary)
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}

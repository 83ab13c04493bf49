using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public sealed record ActionProgressRequest(ActionStatus Status, string? BlockedReason = null, string? Note = null, IReadOnlyList<string>? Evidence = null,
    long? Version = null);

/// <summary>One agreed action as its reader sees it: the decision's words, where it stands, whether it is overdue today, and its history.</summary>
public sealed record ActionAnswer(int Number, string Description, string Owner, DateOnly Due, ActionStatus Status, string? BlockedReason, bool Overdue,
    IReadOnlyList<ActionHistoryEntry> History)
{
    /// <summary>The decision's actions as they now stand, numbered from 1, with what has been recorded of each.</summary>
    public static IReadOnlyList<ActionAnswer> Of(ReviewView view, DateTimeOffset now) =>
        (view.Decision?.Actions ?? []).Select((a, i) =>
        {
            var tracked = view.ActionTracking.FirstOrDefault(t => t.Action == ActionRules.Key(a));
            var status = tracked?.Status ?? ActionStatus.NotStarted;
            return new ActionAnswer(i + 1, a.Description, a.Owner, a.Due, status, tracked?.BlockedReason,
                ActionRules.IsOverdue(a.Due, status, UkTime.DateOf(now)), tracked?.History ?? []);
        }).ToList();
}

public static partial class ReviewWriteRoutes
{
    private static void MapRecordActionProgress(RouteGroupBuilder reviews)
    {
        reviews.MapPost("/{id:guid}/actions/{number:int}/progress", async (Guid id, int number, ActionProgressRequest body, HttpRequest request,
                System.Security.Claims.ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new RecordActionProgress(id, number, body.Status, body.BlockedReason, body.Note, body.Evidence, ifMatch ?? body.Version,
                    user.ToActor("GroupMember"));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Member)
            .WithMetadata(new ReadsIfMatch())
            .WithSummary("Record progress on agreed action {number} (from 1, as the decision lists them): its status (blocked with why), a note, evidence links (anyone with a role in the group)")
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }
}

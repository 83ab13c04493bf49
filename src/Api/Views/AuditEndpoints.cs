using GuidanceFlow.Api.Identity;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Npgsql;

namespace GuidanceFlow.Api.Views;

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/decisions", async (IQuerySession query, Access access, DateTimeOffset? from, DateTimeOffset? to, string? group,
                CancellationToken ct) =>
            {
                var audited = await access.GroupsWhere(ct, GroupRole.Commissioner, GroupRole.Chair);
                if (audited.Count == 0)
                    return Problems.Forbidden((await access.MyGroups(ct)).Count == 0 ? Access.NoRole : "Only commissioners and chairs can audit decisions, of their own groups.");
                return Results.Ok(await DecisionsAsync(query, audited, from, to, group, ct));
            })
            .RequireAuthorization().WithTags("Audit")
            .WithSummary("Decisions across reviews: outcome, rationale, the financial impact as it was, who decided, who did not respond")
            .Produces<List<AuditedDecision>>();

        app.MapGet("/api/reviews/{id:guid}/verify", async (Guid id, NpgsqlDataSource database, CancellationToken ct) =>
            {
                var result = await AuditChain.VerifyAsync(database, "guidanceflow", id, ct);
                return result.EventsChecked == 0 ? Problems.NotFound($"No guidance review has the id {id}.") : Results.Ok(result);
            })
            .RequireAuthorization().RequireReviewAccess(Need.Audit).WithTags("Audit")
            .WithSummary("Recompute the review's hash chain from the stored events and report the first broken link, if any")
            .Produces<ChainVerification>().ProducesProblem(404);
    }

    /// <summary>The decisions of the given groups, newest first: for the API and the decisions page.</summary>
    public static async Task<List<AuditedDecision>> DecisionsAsync(IQuerySession query, List<string> groups, DateTimeOffset? from,
        DateTimeOffset? to, string? group, CancellationToken ct)
    {
        var q = query.Query<DecisionRecord>().Where(d => d.DecidedAt != null && d.Group.IsOneOf(groups));
        if (from is { } f) q = q.Where(d => d.DecidedAt >= f);
        if (to is { } t) q = q.Where(d => d.DecidedAt <= t);
        if (!string.IsNullOrWhiteSpace(group)) q = q.Where(d => d.Group == group);
        var decisions = await q.OrderByDescending(d => d.DecidedAt).Take(1000).ToListAsync(ct);
        return decisions.Select(AuditedDecision.From).ToList();
    }
}

public sealed record AuditedDecision(
    Guid ReviewId, string GuidanceId, string Title, string Group, GuidanceFlow.Domain.Reviews.DecisionOutcome Outcome, string Rationale,
    string? Risk, IReadOnlyList<GuidanceFlow.Domain.Reviews.ActionItem> Actions, DateOnly ReviewDate, DateTimeOffset DecidedAt,
    GuidanceFlow.Projections.ActorRef? DecidedBy, long DecisionVersion, GuidanceFlow.Domain.Reviews.FinancialImpactAssessed? FinancialImpact,
    string? FinancialImpactNotNeededReason, int InvitedCount, IReadOnlyList<GuidanceFlow.Projections.Reviews.StakeholderRef> NotResponded)
{
    public static AuditedDecision From(DecisionRecord d) => new(
        d.Id, d.GuidanceId, d.Title, d.Group, d.Outcome!.Value, d.Rationale!, d.Risk, d.Actions, d.ReviewDate!.Value, d.DecidedAt!.Value,
        d.DecidedBy, d.DecisionVersion!.Value, d.FinancialImpactAtDecision, d.FinancialImpactNotNeededReason, d.InvitedCount, d.NotResponded);
}

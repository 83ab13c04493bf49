using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Npgsql;

namespace GuidanceFlow.Api.Endpoints;

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/decisions", async (IQuerySession query, Access access, DateTimeOffset? from, DateTimeOffset? to, string? group,
                DecisionOutcome? outcome, GuidanceType? type, CancellationToken ct) =>
            {
                var audited = await access.GroupsWhere(ct, GroupRole.Commissioner, GroupRole.Chair);
                if (audited.Count == 0)
                    return Problems.Forbidden((await access.MyGroups(ct)).Count == 0 ? Access.NoRole : "Only commissioners and chairs can audit decisions, of their own groups.");
                return Results.Ok(await DecisionQuery.DecisionsAsync(query, audited, from, to, group, ct, outcome, type));
            })
            .RequireAuthorization().WithTags("Audit")
            .WithSummary("Decisions across reviews, filtered by date, group, outcome and guidance type: outcome, rationale, the financial impact as it was, who decided, who did not respond, amendments")
            .Produces<List<AuditedDecision>>();

        app.MapGet("/api/dashboard", async (IQuerySession query, Access access, TimeProvider clock, CancellationToken ct) =>
            {
                var overseen = await access.GroupsWhere(ct, GroupRole.Commissioner, GroupRole.Chair);
                if (overseen.Count == 0)
                    return Problems.Forbidden((await access.MyGroups(ct)).Count == 0 ? Access.NoRole : "The dashboard is for commissioners and chairs, of their own groups.");
                return Results.Ok(await Dashboard.ForAsync(query, overseen, clock.GetUtcNow(), ct));
            })
            .RequireAuthorization().WithTags("Audit")
            .WithSummary("Your groups at a glance: open reviews by status, overdue, RAG, decisions this quarter, technology appraisals near their funding deadline")
            .Produces<Dashboard>();

        app.MapGet("/api/audit/checkpoint", async (Access access, GlobalAuditLog log, CancellationToken ct) =>
            {
                if ((await access.GroupsWhere(ct, GroupRole.Commissioner, GroupRole.Chair)).Count == 0)
                    return Problems.Forbidden((await access.MyGroups(ct)).Count == 0 ? Access.NoRole : "Only commissioners and chairs can take audit checkpoints.");
                return await log.ExtendAsync(ct) is { } checkpoint
                    ? Results.Ok(checkpoint)
                    : Problems.NotFound("Nothing has been recorded yet, so there is no checkpoint.");
            })
            .RequireAuthorization().WithTags("Audit")
            .WithSummary("A signed checkpoint of the whole record (every event so far, across all reviews): keep it outside GuidanceFlow, " +
                         "and verify the database against it later with `dotnet run --project src/Api -- audit-verify <file>`")
            .Produces<AuditCheckpoint>().ProducesProblem(403).ProducesProblem(404);

        app.MapGet("/api/reviews/{id:guid}/verify", async (Guid id, NpgsqlDataSource database, CancellationToken ct) =>
            {
                var result = await AuditChain.VerifyAsync(database, "guidanceflow", id, ct);
                return result.EventsChecked == 0 ? Problems.NotFound(Decision.NoSuchReview(id)) : Results.Ok(result);
            })
            .RequireAuthorization().RequireReviewAccess(Need.Audit, readsView: false).WithTags("Audit")
            .WithSummary("Recompute the review's hash chain from the stored events and report the first broken link, if any")
            .Produces<ChainVerification>().ProducesProblem(404);
    }

}


using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Workflows.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

public static class InboxEndpoints
{
    public static void MapInboxes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/inbox", async (ClaimsPrincipal user, IQuerySession query, TimeProvider clock, CancellationToken ct) =>
                Results.Ok(await InboxQuery.MineAsync(query, user.UserId(), clock.GetUtcNow(), ct)))
            .RequireAuthorization().WithTags("Inbox")
            .WithSummary("The signed-in stakeholder's reviews: awaiting response (with days left), drafts, submitted, overdue, distributed")
            .Produces<Inbox>();

        app.MapGet("/api/organisations/{code}/inbox", async (string code, ClaimsPrincipal user, IQuerySession query, Access access,
                TimeProvider clock, CancellationToken ct) =>
            {
                // Your own organisation's inbox; a group's chairs and commissioners also see it for their groups' reviews.
                var own = user.FindFirstValue(GuidanceFlowClaims.OrganisationCode) == code;
                var overseen = own ? [] : await access.GroupsWhere(ct, GroupRole.Chair, GroupRole.Commissioner);
                if (!own && overseen.Count == 0) return Problems.Forbidden("You can see only your own organisation's inbox.");
                var q = query.Query<ReviewInbox>().Where(r => r.OrganisationCodes.Contains(code));
                if (!own) q = q.Where(r => r.Group.IsOneOf(overseen));
                var reviews = await q.ToListAsync(ct);
                var ids = reviews.Select(r => r.Id).ToList();
                var drafts = await query.Query<ResponseDraft>().Where(d => d.ReviewId.IsOneOf(ids)).ToListAsync(ct);
                return Results.Ok(InboxQuery.Build(reviews, s => s.OrganisationCode == code, drafts, clock.GetUtcNow()));
            })
            .RequireAuthorization().WithTags("Inbox")
            .WithSummary("Every review awaiting or holding responses from one organisation's stakeholders")
            .Produces<Inbox>().ProducesProblem(403);
    }

}

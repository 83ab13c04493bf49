using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Workflows.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;

namespace GuidanceFlow.Api.Views;

public enum InboxState { AwaitingResponse, Draft, Submitted, Overdue, Distributed }

public sealed record InboxItem(
    Guid ReviewId, string GuidanceId, string Title, string Group, string StakeholderId, string StakeholderName,
    string Organisation, InboxState State, DateTimeOffset? Deadline, string? DeadlineUk, int? DaysLeft,
    DateTimeOffset? SubmittedAt, int Revisions, DateTimeOffset? DraftSavedAt, DateTimeOffset? DistributedAt);

/// <summary>An inbox in sections, as a stakeholder works through it.</summary>
public sealed record Inbox(
    IReadOnlyList<InboxItem> AwaitingResponse, IReadOnlyList<InboxItem> Drafts, IReadOnlyList<InboxItem> Submitted,
    IReadOnlyList<InboxItem> Overdue, IReadOnlyList<InboxItem> Distributed);

public static class InboxEndpoints
{
    public static void MapInboxes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/inbox", async (ClaimsPrincipal user, IQuerySession query, TimeProvider clock, CancellationToken ct) =>
                Results.Ok(await MineAsync(query, user.UserId(), clock.GetUtcNow(), ct)))
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
                return Results.Ok(Build(reviews, s => s.OrganisationCode == code, drafts, clock.GetUtcNow()));
            })
            .RequireAuthorization().WithTags("Inbox")
            .WithSummary("Every review awaiting or holding responses from one organisation's stakeholders")
            .Produces<Inbox>().ProducesProblem(403);
    }

    /// <summary>One stakeholder's own inbox: for the API and the pages.</summary>
    public static async Task<Inbox> MineAsync(IQuerySession query, string me, DateTimeOffset now, CancellationToken ct)
    {
        var reviews = await query.Query<ReviewInbox>().Where(r => r.StakeholderIds.Contains(me)).ToListAsync(ct);
        var drafts = await query.Query<ResponseDraft>().Where(d => d.StakeholderId == me).ToListAsync(ct);
        return Build(reviews, s => s.StakeholderId == me, drafts, now);
    }

    internal static Inbox Build(IEnumerable<ReviewInbox> reviews, Func<InboxStakeholder, bool> whose, IReadOnlyList<ResponseDraft> drafts,
        DateTimeOffset now)
    {
        var items = reviews
            .Where(r => r.Status >= ReviewStatus.AwaitingResponses && r.Status != ReviewStatus.Closed)
            .SelectMany(r => r.Stakeholders.Where(whose).Select(s =>
            {
                var draft = drafts.FirstOrDefault(d => d.ReviewId == r.Id && d.StakeholderId == s.StakeholderId);
                var windowOpen = r.Progress.WindowOpenAt(now);
                var state = r.DistributedAt is not null ? InboxState.Distributed
                    : draft is not null && windowOpen ? InboxState.Draft
                    : s.Revisions > 0 ? InboxState.Submitted
                    : windowOpen ? InboxState.AwaitingResponse
                    : InboxState.Overdue;
                int? daysLeft = windowOpen ? (int)Math.Ceiling((r.ResponseDeadline!.Value - now).TotalDays) : null;
                return new InboxItem(r.Id, r.GuidanceId, r.Title, r.Group, s.StakeholderId, s.Name, s.Organisation, state, r.ResponseDeadline,
                    r.ResponseDeadline is { } d ? UkTime.Format(d) : null, daysLeft, s.LastSubmittedAt, s.Revisions, draft?.SavedAt, r.DistributedAt);
            }))
            .OrderBy(i => i.Deadline)
            .ToList();
        return new Inbox(Of(InboxState.AwaitingResponse), Of(InboxState.Draft), Of(InboxState.Submitted), Of(InboxState.Overdue),
            Of(InboxState.Distributed));

        List<InboxItem> Of(InboxState state) => items.Where(i => i.State == state).ToList();
    }
}

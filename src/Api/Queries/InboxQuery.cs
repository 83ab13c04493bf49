using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Workflows.Reviews;
using Marten;

namespace GuidanceFlow.Api.Queries;

public enum InboxState { AwaitingResponse, Draft, Submitted, Overdue, Distributed }

public sealed record InboxItem(
    Guid ReviewId, string GuidanceId, string Title, string Group, string StakeholderId, string StakeholderName,
    string Organisation, InboxState State, DateTimeOffset? Deadline, string? DeadlineUk, int? DaysLeft,
    DateTimeOffset? SubmittedAt, int Revisions, DateTimeOffset? DraftSavedAt, DateTimeOffset? DistributedAt);

/// <summary>An inbox in sections, as a stakeholder works through it.</summary>
public sealed record Inbox(
    IReadOnlyList<InboxItem> AwaitingResponse, IReadOnlyList<InboxItem> Drafts, IReadOnlyList<InboxItem> Submitted,
    IReadOnlyList<InboxItem> Overdue, IReadOnlyList<InboxItem> Distributed);


/// <summary>Stakeholders' and organisations' inboxes, from the inbox read model and the saved drafts.</summary>
public static class InboxQuery
{
    /// <summary>One stakeholder's own inbox: for the API and the pages.</summary>
    public static async Task<Inbox> MineAsync(IQuerySession query, string me, DateTimeOffset now, CancellationToken ct)
    {
        var reviews = await query.Query<ReviewInbox>().Where(r => r.StakeholderIds.Contains(me)).ToListAsync(ct);
        var drafts = await query.Query<ResponseDraft>().Where(d => d.StakeholderId == me).ToListAsync(ct);
        return Build(reviews, s => s.StakeholderId == me, drafts, now);
    }

    public static Inbox Build(IEnumerable<ReviewInbox> reviews, Func<InboxStakeholder, bool> whose, IReadOnlyList<ResponseDraft> drafts,
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
                    : ReassessmentRules.HasAnswered(r.Round, s.Revisions > 0, s.AnsweredThisRound) ? InboxState.Submitted
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

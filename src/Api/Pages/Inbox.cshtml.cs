using GuidanceFlow.Projections.Reviews;
using Marten;

namespace GuidanceFlow.Api.Pages;

/// <summary>The stakeholder's inbox, built exactly as GET /api/me/inbox builds it.</summary>
public sealed class InboxModel(TimeProvider clock) : GuidancePage
{
    public Inbox Inbox { get; private set; } = null!;
    public string Me => UserId;

    /// <summary>Open reviews in which a colleague has asked the user to respond for them.</summary>
    public List<(ReviewView Review, Domain.Reviews.Stakeholder For)> Delegated { get; } = [];

    public async Task OnGetAsync()
    {
        var me = UserId;
        var now = clock.GetUtcNow();
        Inbox = await InboxQuery.MineAsync(Query, me, now, Ct);
        var reviews = await Query.Query<ReviewView>()
            .Where(v => v.Status.IsOneOf(Domain.Reviews.ReviewProgress.CollectingStatuses) && v.Delegations.Any(d => d.DelegateUserId == me))
            .ToListAsync(Ct);
        // Delegated responses are offered while the window is open: the domain's rule, as for one's own.
        foreach (var review in reviews.Where(r => r.Progress.WindowOpenAt(now)))
            foreach (var delegation in review.Delegations.Where(d => d.DelegateUserId == me))
                if (review.Stakeholders.FirstOrDefault(s => s.StakeholderId == delegation.StakeholderId) is { } colleague)
                    Delegated.Add((review, colleague));
    }
}

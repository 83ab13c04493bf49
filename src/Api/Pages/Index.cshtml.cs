using System.Security.Claims;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Workflows.Groups;
using GuidanceFlow.Workflows.Reviews;
using Marten;

namespace GuidanceFlow.Api.Pages;

/// <summary>A home page per role, from the user's group roles and invitations (not from what they claim).</summary>
public sealed class IndexModel(TimeProvider clock) : GuidancePage
{
    public string Name => User.FindFirstValue(ClaimTypes.Name) ?? "";
    public List<string> Chairs { get; private set; } = [];
    public List<string> Groups { get; private set; } = [];
    public bool Audits { get; private set; }
    public bool Finance { get; private set; }
    public IReadOnlyList<ReviewView> Reviews { get; private set; } = [];
    public int Invitations { get; private set; }
    public int AwaitingCount { get; private set; }
    /// <summary>For commissioners and chairs: their groups at a glance (the API's GET /api/dashboard).</summary>
    public Dashboard? Dashboard { get; private set; }

    public async Task OnGetAsync()
    {
        Chairs = await Access.GroupsWhere(Ct, GroupRole.Chair);
        Groups = await Access.GroupsWhere(Ct);
        var overseen = await Access.GroupsWhere(Ct, GroupRole.Commissioner, GroupRole.Chair);
        Audits = overseen.Count > 0;
        if (Audits) Dashboard = await Dashboard.ForAsync(Query, overseen, clock.GetUtcNow(), Ct);
        Finance = (await Access.GroupsWhere(Ct, GroupRole.Commissioner, GroupRole.FinanceLead, GroupRole.Chair)).Count > 0;
        if (Chairs.Count > 0)
            Reviews = await Query.Query<ReviewView>().Where(v => v.Group.IsOneOf(Chairs)).OrderByDescending(v => v.OpenedAt).Take(50).ToListAsync(Ct);
        var inbox = await InboxQuery.MineAsync(Query, UserId, clock.GetUtcNow(), Ct);
        Invitations = inbox.AwaitingResponse.Count + inbox.Drafts.Count + inbox.Submitted.Count + inbox.Overdue.Count + inbox.Distributed.Count;
        AwaitingCount = inbox.AwaitingResponse.Count + inbox.Drafts.Count;
    }
}

using GuidanceFlow.Workflows.Groups;

namespace GuidanceFlow.Api.Pages;

/// <summary>The decision audit of GET /api/audit/decisions, for a commissioner (or chair) in a browser.</summary>
public sealed class DecisionsModel : GuidancePage
{
    public IReadOnlyList<AuditedDecision> Decisions { get; private set; } = [];
    public bool NotAllowed { get; private set; }

    public async Task OnGetAsync()
    {
        var audited = await Access.GroupsWhere(Ct, GroupRole.Commissioner, GroupRole.Chair);
        NotAllowed = audited.Count == 0;
        if (!NotAllowed) Decisions = await DecisionQuery.DecisionsAsync(Query, audited, null, null, null, Ct);
    }
}

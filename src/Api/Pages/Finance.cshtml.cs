using GuidanceFlow.Workflows.Groups;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages;

/// <summary>Costs and savings for a group's health economy over NICE's five-year horizon: the API's finance report.</summary>
public sealed class FinanceModel : GuidancePage
{
    [BindProperty(SupportsGet = true)] public string? Group { get; set; }

    public List<string> Groups { get; private set; } = [];
    public FinanceReport? Report { get; private set; }

    public async Task OnGetAsync()
    {
        Groups = await Access.GroupsWhere(Ct, GroupRole.Commissioner, GroupRole.FinanceLead, GroupRole.Chair);
        if (Groups.Count == 0) return;
        if (Group is null || !Groups.Contains(Group)) Group = Groups[0];
        Report = await FinanceQuery.ReportAsync(Query, Group, null, Ct);
    }
}

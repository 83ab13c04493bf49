using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Queries;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>The improvement projects of every group the user has a role in, latest change first, with a way to start one.</summary>
public sealed class IndexModel : GuidancePage
{
    public IReadOnlyList<(string Group, IReadOnlyList<ProjectRow> Projects)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var groups = await Access.GroupsWhere(Ct);
        var projects = await ProjectQuery.LatestAsync(Query, groups, Ct);
        Groups = groups.Order(StringComparer.Ordinal).Select(g => (g, (IReadOnlyList<ProjectRow>)projects.Where(p => p.Group == g).ToList())).ToList();
        return Page();
    }
}

using GuidanceFlow.Domain.Improvement;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Improvement;

/// <summary>The improvement projects of every group the user has a role in, latest change first, with a way to start one.</summary>
public sealed class IndexModel : GuidancePage
{
    public IReadOnlyList<(string Group, IReadOnlyList<ImprovementProject> Projects)> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var groups = await Access.GroupsWhere(Ct);
        var names = groups.ToArray();
        var projects = names.Length == 0 ? []
            : await Query.Query<ImprovementProject>().Where(p => p.Group.IsOneOf(names)).OrderByDescending(p => p.LastChangedAt)
                .Take(Endpoints.ProjectEndpoints.MaxListed).ToListAsync(Ct);
        Groups = groups.Order(StringComparer.Ordinal).Select(g => (g, (IReadOnlyList<ImprovementProject>)projects.Where(p => p.Group == g).ToList())).ToList();
        return Page();
    }
}

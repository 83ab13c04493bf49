using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Improvement;
using Marten;

namespace GuidanceFlow.Api.Queries;

/// <summary>
/// The one query for lists of improvement projects: the groups' projects, latest change first, at most <see cref="MaxListed"/>
/// (read through the index on group and last change), each with how its first measure is doing. The API and the page both call it.
/// </summary>
public static class ProjectQuery
{
    public const int MaxListed = 200;

    public static async Task<IReadOnlyList<ProjectRow>> LatestAsync(IQuerySession query, IReadOnlyCollection<string> groups, CancellationToken ct)
    {
        if (groups.Count == 0) return [];
        var names = groups.ToArray();
        var projects = await query.Query<ImprovementProject>().Where(p => p.Group.IsOneOf(names))
            .OrderByDescending(p => p.LastChangedAt).Take(MaxListed).ToListAsync(ct);
        return projects.Select(ProjectRow.Of).ToList();
    }
}

using GuidanceFlow.Domain.Benchmarking;

namespace GuidanceFlow.Workflows.Benchmarking;

/// <summary>The signed-in user as benchmarking sees them: their roles in each of their groups, and the networks they administer.</summary>
public sealed record BenchmarkViewer(string UserId, IReadOnlyDictionary<string, IReadOnlyList<GroupRole>> Groups)
{
    public bool IsMemberOf(string group) => Groups.TryGetValue(group, out var roles) && roles.Count > 0;

    public bool Holds(string group, GroupRole role) => Groups.TryGetValue(group, out var roles) && roles.Contains(role);
}

/// <summary>
/// The one home of who sees what in benchmarking. Nobody sees another group's stakeholders' answers: comparisons hold only
/// a group's own figures (compliance as the group's, never per stakeholder) and aggregates.
/// </summary>
public static class BenchmarkRules
{
    public const string NotYours = "You can see the benchmarks of groups you chair or commission for, or of groups in a network you administer.";
    public const string AreaNotYours =
        "Network and region views are for the network's admins and for commissioners of groups in it.";
    public const string NoRole = "Benchmarking is for members of implementation groups and network admins.";

    /// <summary>A group's dashboard: its chairs and commissioners, and the admins of a network the group is in.</summary>
    public static bool MaySeeGroup(BenchmarkViewer viewer, string group, NhsStructure structure) =>
        GroupRules.MaySeeOwnBenchmarks(viewer.Groups.GetValueOrDefault(group) ?? [])
        || structure.PlaceOf(group)?.Networks.Any(n => structure.Networks.GetValueOrDefault(n)?.Admins.ContainsKey(viewer.UserId) == true) == true;

    /// <summary>A guidance's national picture: anyone in an implementation group, and network admins.</summary>
    public static bool MaySeeGuidance(BenchmarkViewer viewer, NhsStructure structure) =>
        viewer.Groups.Values.Any(r => r.Count > 0) || structure.IsNetworkAdmin(viewer.UserId);

    /// <summary>A network's or region's view: the admins of that network (of any network in that region), and commissioners of groups placed in it.</summary>
    public static bool MaySeeArea(BenchmarkViewer viewer, BenchmarkLevel area, NhsStructure structure)
    {
        var administers = area.Kind switch
        {
            LevelKind.Network => structure.Networks.GetValueOrDefault(area.Code)?.Admins.ContainsKey(viewer.UserId) == true,
            LevelKind.Region => structure.Networks.Values.Any(n => n.Region == area.Code && n.Admins.ContainsKey(viewer.UserId)),
            _ => false,
        };
        return administers || viewer.Groups.Keys.Any(g => viewer.Holds(g, GroupRole.Commissioner) && area.Holds(g, structure.PlaceOf(g)));
    }

    /// <summary>Whose figures count in what a viewer sees: every group that shares, and the viewer's own groups.</summary>
    public static bool Counts(BenchmarkViewer viewer, string group, GroupSettings? settings) =>
        viewer.IsMemberOf(group) || GroupRules.SharesInBenchmarks(settings);

    /// <summary>A group is named to a viewer when it is theirs or it has chosen to be named; otherwise it is a dot without a name.</summary>
    public static bool NamedTo(BenchmarkViewer viewer, string group, GroupSettings? settings) =>
        viewer.IsMemberOf(group) || GroupRules.NamedInBenchmarks(settings);
}

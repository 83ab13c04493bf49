namespace GuidanceFlow.Domain.Benchmarking;

public enum LevelKind { Group, System, Region, Network, England }

/// <summary>One place a group is compared with: itself, its system, its region, a network of its, or England.</summary>
public sealed record BenchmarkLevel(LevelKind Kind, string Code, string Name)
{
    public static readonly BenchmarkLevel England = new(LevelKind.England, "ENG", "England");

    /// <summary>The levels a group is compared with, narrowest first: the group, its system, its networks, its region, England.</summary>
    public static IReadOnlyList<BenchmarkLevel> Around(string group, NhsStructure structure)
    {
        var levels = new List<BenchmarkLevel> { new(LevelKind.Group, group, group) };
        if (structure.PlaceOf(group) is { } place)
        {
            if (structure.Systems.GetValueOrDefault(place.System) is { } system) levels.Add(new(LevelKind.System, system.Code, system.Name));
            levels.AddRange(place.Networks.Select(structure.Networks.GetValueOrDefault).OfType<ImprovementNetwork>()
                .Select(n => new BenchmarkLevel(LevelKind.Network, n.Code, n.Name)));
            if (structure.Regions.GetValueOrDefault(place.Region) is { } region) levels.Add(new(LevelKind.Region, region.Code, region.Name));
        }
        levels.Add(England);
        return levels;
    }

    /// <summary>Whether a group placed so belongs to this level (England holds every group, placed or not).</summary>
    public bool Holds(string group, GroupPlace? place) => Kind switch
    {
        LevelKind.Group => group == Code,
        LevelKind.System => place?.System == Code,
        LevelKind.Region => place?.Region == Code,
        LevelKind.Network => place?.Networks.Contains(Code) == true,
        _ => true,
    };
}

/// <summary>
/// The one home of small-number suppression. An aggregate over fewer than <see cref="MinimumGroups"/> groups is not shown;
/// nor is a narrower one whose groups differ from a wider one shown beside it by one or two groups, since the difference
/// of the two would be an aggregate of fewer than three (a region of 4 beside a system of 3 would give away the fourth).
/// </summary>
public static class Suppression
{
    public const int MinimumGroups = 3;

    public const string Note = "Not shown: fewer than 3 groups, so no group's figures can be worked out from it.";

    /// <summary>For each set of groups (one per aggregate, the groups with data), whether its aggregate may be shown.</summary>
    public static bool[] Shown(IReadOnlyList<IReadOnlySet<string>> aggregates)
    {
        var shown = new bool[aggregates.Count];
        // Widest first: the wider figures (England, the region) are the ones people compare with, so they are kept.
        foreach (var i in Enumerable.Range(0, aggregates.Count).OrderByDescending(i => aggregates[i].Count))
        {
            var set = aggregates[i];
            shown[i] = set.Count >= MinimumGroups && !Enumerable.Range(0, aggregates.Count).Any(j =>
                shown[j] && j != i && set.IsSubsetOf(aggregates[j]) && aggregates[j].Count - set.Count is > 0 and < MinimumGroups);
        }
        return shown;
    }
}

/// <summary>Where a group stands among the groups with a value: 1 is the best (or, for a measure with no better way, the lowest).</summary>
public sealed record Standing(int Rank, int Quartile, int Of);

public static class Standings
{
    /// <summary>Null when the group has no value, or fewer than three groups have one (a rank among two gives the other away).</summary>
    public static Standing? Of(Measure measure, string group, IReadOnlyDictionary<string, decimal> values)
    {
        if (!values.TryGetValue(group, out var mine) || values.Count < Suppression.MinimumGroups) return null;
        var better = values.Values.Count(v => Measures.DirectionOf(measure) == Direction.HigherIsBetter ? v > mine : v < mine);
        var rank = better + 1;
        return new Standing(rank, Math.Min(4, 1 + (rank - 1) * 4 / values.Count), values.Count);
    }
}

/// <summary>One level's figure: how many groups it is over, and the figure — absent when suppressed or when no group has data.</summary>
public sealed record LevelFigure<T>(BenchmarkLevel Level, int Groups, T? Figure, bool Suppressed);

/// <summary>One group as a comparison counts it: where it sits and what it counted.</summary>
public sealed record Counted(string Group, GroupPlace? Place, BenchmarkTally Tally);

public static class Comparisons
{
    /// <summary>
    /// Each level's figure over the groups it holds that have data (<paramref name="hasData"/>), with small numbers suppressed
    /// (<see cref="Suppression"/>). The group's own level is never suppressed: it is its own.
    /// </summary>
    public static IReadOnlyList<LevelFigure<T>> Compare<T>(IReadOnlyList<BenchmarkLevel> levels, IReadOnlyCollection<Counted> groups,
        Func<BenchmarkTally, bool> hasData, Func<BenchmarkTally, T> figure)
    {
        var members = levels.Select(l => groups.Where(g => l.Holds(g.Group, g.Place) && hasData(g.Tally)).ToList()).ToList();
        var aggregates = levels.Select((l, i) => l.Kind == LevelKind.Group ? null : (IReadOnlySet<string>)members[i].Select(g => g.Group).ToHashSet()).ToList();
        var wider = aggregates.Where(a => a is not null).Cast<IReadOnlySet<string>>().ToList();
        var shownWider = Suppression.Shown(wider);
        var result = new List<LevelFigure<T>>();
        var k = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            var shown = levels[i].Kind == LevelKind.Group || shownWider[k++];
            var count = members[i].Count;
            // Suppressed only where there is something to withhold: a level with no group's data simply has no figure.
            result.Add(new(levels[i], count, shown && count > 0 ? figure(BenchmarkTally.Sum(members[i].Select(g => g.Tally))) : default, !shown && count > 0));
        }
        return result;
    }
}

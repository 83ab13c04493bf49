namespace GuidanceFlow.Domain.Reviews;

public enum GridChangeKind { Added, Edited, Renumbered, Moved, Removed }

/// <param name="Number">The recommendation's number in the new grid (in the old one when removed).</param>
/// <param name="PreviousNumber">Its number before, when renumbered.</param>
public sealed record GridChange(GridChangeKind Kind, string Number, string? PreviousNumber = null);

/// <summary>
/// What one grid did to the one before it, recommendation by recommendation: the chair's editor sends the
/// whole grid each time, but a reader of the record wants "1.3 added", not the grid again. Matched by number;
/// a number that went away while the same words came back under another is a renumbering; of the
/// recommendations in both, those outside the longest run kept in order are the ones that moved.
/// </summary>
public static class GridChanges
{
    public static IReadOnlyList<GridChange> Between(IReadOnlyList<Recommendation> before, IReadOnlyList<Recommendation> after)
    {
        var old = before.GroupBy(r => r.Number).ToDictionary(g => g.Key, g => g.First());
        var now = after.GroupBy(r => r.Number).ToDictionary(g => g.Key, g => g.First());
        var gone = before.Where(r => !now.ContainsKey(r.Number)).ToList();
        var changes = new List<GridChange>();
        var renumbered = new HashSet<string>();

        foreach (var r in after)
        {
            if (old.TryGetValue(r.Number, out var was))
            {
                if (was.Text != r.Text || !was.Settings.SequenceEqual(r.Settings)) changes.Add(new(GridChangeKind.Edited, r.Number));
                continue;
            }
            var same = gone.FirstOrDefault(g => g.Text == r.Text && !renumbered.Contains(g.Number));
            if (same is not null)
            {
                renumbered.Add(same.Number);
                changes.Add(new(GridChangeKind.Renumbered, r.Number, same.Number));
            }
            else changes.Add(new(GridChangeKind.Added, r.Number));
        }

        // Order: the numbers (renumbered ones by their old number) common to both grids, in each grid's order.
        var newNumberOf = changes.Where(c => c.Kind == GridChangeKind.Renumbered).ToDictionary(c => c.PreviousNumber!, c => c.Number);
        var beforeOrder = before.Select(r => newNumberOf.GetValueOrDefault(r.Number, r.Number)).Where(now.ContainsKey).Distinct().ToList();
        var kept = new HashSet<string>(beforeOrder);
        var afterOrder = after.Select(r => r.Number).Where(kept.Contains).Distinct().ToList();
        var inOrder = LongestCommonRun(beforeOrder, afterOrder);
        changes.AddRange(afterOrder.Where(n => !inOrder.Contains(n)).Select(n => new GridChange(GridChangeKind.Moved, n)));

        changes.AddRange(gone.Where(g => !renumbered.Contains(g.Number)).Select(g => new GridChange(GridChangeKind.Removed, g.Number)));
        return changes;
    }

    /// <summary>"1.3 added", "1.2 renumbered from 1.4"…</summary>
    public static string Describe(GridChange change) => change.Kind switch
    {
        GridChangeKind.Added => $"{change.Number} added",
        GridChangeKind.Edited => $"{change.Number} edited",
        GridChangeKind.Renumbered => $"{change.PreviousNumber} renumbered to {change.Number}",
        GridChangeKind.Moved => $"{change.Number} moved",
        _ => $"{change.Number} removed",
    };

    /// <summary>The longest subsequence of <paramref name="a"/> that <paramref name="b"/> keeps in the same order.</summary>
    private static HashSet<string> LongestCommonRun(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var length = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        for (var j = b.Count - 1; j >= 0; j--)
            length[i, j] = a[i] == b[j] ? length[i + 1, j + 1] + 1 : Math.Max(length[i + 1, j], length[i, j + 1]);
        var run = new HashSet<string>();
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i] == b[j]) { run.Add(a[i]); i++; j++; }
            // On a tie keep the old grid's earlier recommendation in place: a recommendation moved up is the one named.
            else if (length[i + 1, j] > length[i, j + 1]) i++;
            else j++;
        }
        return run;
    }
}

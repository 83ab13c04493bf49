namespace GuidanceFlow.Domain.Catalogue;

public enum RecommendationChangeKind { Added, Withdrawn, TextChanged, Renumbered, Removed }

/// <summary>What happened to one recommendation between two versions of a product.</summary>
/// <param name="Number">Its number in the new version (in the old one for Removed).</param>
/// <param name="PreviousNumber">Its number before, when it moved (Renumbered).</param>
public sealed record RecommendationChange(RecommendationChangeKind Kind, string Number, string? PreviousNumber = null);

/// <summary>
/// The change per recommendation from one version of a product to the next: matched by number; a
/// recommendation whose words are unchanged under a new number was renumbered, not removed and added.
/// </summary>
public static class RecommendationChanges
{
    public static IReadOnlyList<RecommendationChange> Between(IReadOnlyList<CatalogueRecommendation> before,
        IReadOnlyList<CatalogueRecommendation> after)
    {
        var old = before.ToDictionary(r => r.Number);
        var now = after.ToDictionary(r => r.Number);
        var changes = new List<RecommendationChange>();

        // Words that left their number (it is gone, or holds other words now) and appear, unchanged, under a number
        // where they were not before: moved. NICE often inserts a recommendation and shifts the rest down.
        var leaving = before.Where(r => !r.Withdrawn && (!now.TryGetValue(r.Number, out var n) || n.Text != r.Text)).ToList();
        var moved = new Dictionary<string, string>(); // new number -> old number
        foreach (var arrival in after.Where(r => !r.Withdrawn && (!old.TryGetValue(r.Number, out var o) || o.Text != r.Text)))
        {
            var from = leaving.FirstOrDefault(v => v.Text == arrival.Text && v.Number != arrival.Number);
            if (from is null) continue;
            moved[arrival.Number] = from.Number;
            leaving.Remove(from);
        }
        var movedAway = moved.Values.ToHashSet();

        foreach (var r in after)
        {
            if (moved.TryGetValue(r.Number, out var from))
                changes.Add(new(RecommendationChangeKind.Renumbered, r.Number, from));
            else if (!old.TryGetValue(r.Number, out var was) || (movedAway.Contains(r.Number) && !r.Withdrawn))
                // New here: a number never used, or one whose recommendation moved to another number.
                changes.Add(new(r.Withdrawn ? RecommendationChangeKind.Withdrawn : RecommendationChangeKind.Added, r.Number));
            else if (r.Withdrawn && !was.Withdrawn)
                changes.Add(new(RecommendationChangeKind.Withdrawn, r.Number));
            else if (r.Text != was.Text || r.YearTag != was.YearTag)
                changes.Add(new(RecommendationChangeKind.TextChanged, r.Number));
        }
        changes.AddRange(before.Where(r => !now.ContainsKey(r.Number) && !r.Withdrawn && !movedAway.Contains(r.Number))
            .Select(v => new RecommendationChange(RecommendationChangeKind.Removed, v.Number)));
        return changes.OrderBy(c => c.Number, RecommendationNumbers.Order).ToList();
    }

    /// <summary>"2 recommendations changed, 1 added": what a review built on the older version is told.</summary>
    public static string Summarise(IReadOnlyList<RecommendationChange> changes)
    {
        if (changes.Count == 0) return "no recommendation changed";
        var parts = new List<string>();
        void Count(RecommendationChangeKind kind, string done)
        {
            var n = changes.Count(c => c.Kind == kind);
            if (n > 0) parts.Add($"{n} {(n == 1 ? "recommendation" : "recommendations")} {done}");
        }
        Count(RecommendationChangeKind.TextChanged, "changed");
        Count(RecommendationChangeKind.Added, "added");
        Count(RecommendationChangeKind.Withdrawn, "withdrawn");
        Count(RecommendationChangeKind.Renumbered, "renumbered");
        Count(RecommendationChangeKind.Removed, "removed");
        // Only the first part says "recommendations": "2 recommendations changed, 1 added".
        return string.Join(", ", parts.Select((p, i) => i == 0 ? p : p.Replace(" recommendations ", " ").Replace(" recommendation ", " ")));
    }

    /// <summary>One change in words: "1.2.3 added", "1.4.2 was 1.4.1".</summary>
    public static string Describe(RecommendationChange change) => change.Kind switch
    {
        RecommendationChangeKind.Added => $"{change.Number} added",
        RecommendationChangeKind.Withdrawn => $"{change.Number} withdrawn",
        RecommendationChangeKind.TextChanged => $"{change.Number} reworded",
        RecommendationChangeKind.Renumbered => $"{change.Number}, same words, was {change.PreviousNumber}",
        _ => $"{change.Number} no longer in the guidance",
    };
}

namespace GuidanceFlow.Domain.Reviews;

/// <summary>The chair builds (or rebuilds) the grid of recommendations, until the response window opens.</summary>
public sealed record CreateGrid(
    Guid ReviewId,
    IReadOnlyList<Recommendation> Recommendations,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, CreateGrid command)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (!review!.Progress.GridMayChange)
            return Decision.Reject("The grid cannot change once the response window has opened.");
        if (command.Recommendations.Count == 0)
            return Decision.Reject("A grid needs at least one recommendation.");

        var duplicates = command.Recommendations
            .GroupBy(r => r.Number.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            return Decision.Reject($"Recommendation numbers must be unique; repeated: {string.Join(", ", duplicates)}.");

        var grid = command.Recommendations
            .Select(r => new Recommendation(r.Number.Trim(), r.Text.Trim(),
                r.Settings.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList(),
                GuidanceFlow.Domain.Catalogue.CatalogueRecommendation.StrengthOf(r.Text),
                string.IsNullOrWhiteSpace(r.YearTag) ? null : r.YearTag.Trim()))
            .ToList();
        return Decision.Accept(new RecommendationGridCreated(command.ReviewId, grid));
    }
}

using GuidanceFlow.Domain.Catalogue;

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// NICE has published a newer version of the guidance a review is on. The chair applies it to a review not
/// yet decided (its grid becomes the new version's; responses to unchanged recommendations stay), or records
/// that a decided review needs re-assessment. <paramref name="Since"/> is the version the review is on, as
/// the catalogue holds it; <paramref name="Current"/> the newest.
/// </summary>
public sealed record FollowNiceUpdate(Guid ReviewId, long? ExpectedVersion, Actor Actor) : IReviewCommand
{
    /// <summary>One version of the guidance's recommendations, from the catalogue.</summary>
    public sealed record CatalogueVersion(int Version, IReadOnlyList<CatalogueRecommendation> Recommendations);

    public const string NotFromCatalogue = "This review was not opened on a version of the guidance in the catalogue, so there is no NICE update to follow.";

    public static Decision Decide(Review? review, FollowNiceUpdate command, CatalogueVersion? since, CatalogueVersion? current, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (review!.CatalogueVersion is not { } on || since is null || current is null) return Decision.Reject(NotFromCatalogue);
        if (current.Version <= on) return Decision.Reject($"The review is already on NICE's latest version of {review.GuidanceId} (version {on}).");

        var changes = RecommendationChanges.Between(since.Recommendations, current.Recommendations);
        if (review.Status >= ReviewStatus.Decided)
            return Decision.Accept(new ReassessmentNeeded(review.Id, on, current.Version, RecommendationChanges.Summarise(changes), now));

        return Decision.Accept(new GuidanceUpdateApplied(review.Id, on, current.Version, Grid(review, since, current, changes), changes, now));
    }

    /// <summary>
    /// The new version's current recommendations, each keeping the settings the chair gave it (followed through a
    /// renumbering); rows the chair added that were never NICE's stay, unless the new version now uses their number.
    /// </summary>
    private static List<Recommendation> Grid(Review review, CatalogueVersion since, CatalogueVersion current, IReadOnlyList<RecommendationChange> changes)
    {
        var previousNumber = changes.Where(c => c.Kind == RecommendationChangeKind.Renumbered).ToDictionary(c => c.Number, c => c.PreviousNumber!);
        var added = changes.Where(c => c.Kind == RecommendationChangeKind.Added).Select(c => c.Number).ToHashSet();
        var rows = review.Recommendations.ToDictionary(r => r.Number);
        var grid = current.Recommendations.Where(r => !r.Withdrawn).Select(r =>
        {
            var before = added.Contains(r.Number) ? null : rows.GetValueOrDefault(previousNumber.GetValueOrDefault(r.Number, r.Number));
            return new Recommendation(r.Number, r.Text, before?.Settings ?? [], r.Strength, r.YearTag);
        }).ToList();
        var nice = since.Recommendations.Select(r => r.Number).Concat(current.Recommendations.Select(r => r.Number)).ToHashSet();
        grid.AddRange(review.Recommendations.Where(r => !nice.Contains(r.Number)));
        return grid.OrderBy(r => r.Number, RecommendationNumbers.Order).ToList();
    }

    /// <summary>
    /// Where each stakeholder's answer goes when an update is applied: the new number of a recommendation NICE
    /// renumbered, the same number for one unchanged, nothing (set aside) for one reworded, withdrawn or gone.
    /// </summary>
    public static string? NumberAfter(string number, GuidanceUpdateApplied update)
    {
        if (update.Changes.FirstOrDefault(c => c.Kind == RecommendationChangeKind.Renumbered && c.PreviousNumber == number) is { } moved)
            return moved.Number;
        if (update.Changes.Any(c => c.Number == number && c.Kind is not RecommendationChangeKind.Added)) return null;
        // A number NICE now uses for a new recommendation (its old holder renumbered away) is not the answer's.
        if (update.Changes.Any(c => c.Number == number && c.Kind == RecommendationChangeKind.Added)) return null;
        return update.Recommendations.Any(r => r.Number == number) ? number : null;
    }
}

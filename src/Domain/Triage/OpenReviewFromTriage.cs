using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Triage;

/// <summary>
/// The chair opens the review of a product the group found relevant: the review starts with its grid
/// built from the current version's recommendations (withdrawn ones left out; the chair can still edit
/// it), and the triage records which review it became.
/// </summary>
public sealed record OpenReviewFromTriage(Guid TriageId, Guid ReviewId, Actor Actor)
{
    public sealed record Outcome(IReadOnlyList<object> TriageEvents, Decision Review);

    public static Outcome Decide(TriageItem? item, GuidanceProduct? product, OpenReviewFromTriage command, DateTimeOffset now,
        Guid? openReviewOfSameGuidance)
    {
        if (item is null) return Refused(Decision.NotFoundWith(TriageRules.NoSuchItem(command.TriageId)));
        if (item.ReviewId is { } opened)
            return Refused(Decision.Reject($"The review of {item.GuidanceNumber} has already been opened from this triage: /reviews/{opened}."));
        if (item.Decision?.Outcome != TriageOutcome.Relevant)
            return Refused(Decision.Reject($"Record {item.GuidanceNumber} as relevant to the group before opening its review."));
        if (product is null || product.Status == GuidanceProductStatus.Withdrawn)
            return Refused(Decision.Reject($"{item.GuidanceNumber} has been withdrawn from the catalogue{(product?.ReplacedBy is { } by ? $" and replaced by {by}" : "")}; triage its replacement instead."));

        var open = OpenReview.Decide(null, new OpenReview(command.ReviewId, product.GuidanceNumber, product.Type, product.Title,
            product.Issued, item.Group, command.Actor), now, openReviewOfSameGuidance, product.Version, product.FundingDays);
        if (!open.IsAccepted) return Refused(open);

        var grid = product.Recommendations.Where(r => !r.Withdrawn)
            .Select(r => new Recommendation(r.Number, r.Text, [], r.Strength, r.YearTag)).ToList();
        var events = open.Events.ToList();
        if (grid.Count > 0)
        {
            var review = open.Events.Aggregate((Review?)null, Review.Evolve);
            var built = CreateGrid.Decide(review, new CreateGrid(command.ReviewId, grid, null, command.Actor));
            if (!built.IsAccepted) return Refused(built);
            events.AddRange(built.Events);
        }
        return new([new TriagedReviewOpened(item.Id, command.ReviewId, now)], Decision.Accept([.. events]));
    }

    private static Outcome Refused(Decision refusal) => new([], refusal);
}

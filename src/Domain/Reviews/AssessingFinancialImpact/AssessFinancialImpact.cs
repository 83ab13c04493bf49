namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The finance lead records the impact on the whole health economy once responses are collated:
/// who bears which costs and savings, year by year. A later assessment replaces the earlier one until the decision.
/// </summary>
public sealed record AssessFinancialImpact(
    Guid ReviewId,
    int LocalPopulation,
    IReadOnlyList<CostLine> Lines,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, AssessFinancialImpact command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (FinancialStage.Check(review!) is { } notNow) return notNow;
        if (command.LocalPopulation <= 0)
            return Decision.Reject("The local population must be a positive number of people.");
        if (command.Lines.Count == 0)
            return Decision.Reject("An assessment needs at least one cost line; mark it not needed instead if nothing is costed.");

        var unknown = command.Lines.Select(l => l.RecommendationNumber?.Trim())
            .Where(n => !string.IsNullOrEmpty(n) && !review!.HasRecommendation(n)).Distinct().ToList();
        if (unknown.Count > 0)
            return Decision.Reject($"Not in this review's grid: {string.Join(", ", unknown)}.");

        return Decision.Accept(ResourceImpact.Assess(command.ReviewId, command.LocalPopulation, command.Lines, now));
    }
}

internal static class FinancialStage
{
    public static Decision? Check(Review review) => review.Progress.FinancialImpactMayChange ? null
        : review.Status < ReviewStatus.Collated ? Decision.Reject("The financial impact is assessed after the response window has closed.")
        : Decision.Reject("The decision has been recorded; the financial impact it was based on can no longer change.");
}

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// A stakeholder responds to some or all recommendations. Submitting again amends those
/// recommendations; every version stays in the stream.
/// </summary>
public sealed record SubmitResponse(
    Guid ReviewId,
    string StakeholderId,
    IReadOnlyList<RecommendationResponse> Responses,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, SubmitResponse command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (!review!.MayRespondFor(command.StakeholderId, command.Actor))
            return Decision.Forbid("You can submit only your own response, or one a colleague in your organisation has delegated to you.");
        if (!review.HasGrid)
            return Decision.Reject("Responses cannot be submitted before the grid of recommendations exists.");
        if (!review.Progress.WindowOpenAt(now))
            return Decision.Reject(review.Status < ReviewStatus.AwaitingResponses
                ? review.Progress.WhyWindowIsShut(now)
                : $"{review.Progress.WhyWindowIsShut(now)} Responses can no longer be submitted or amended.");
        if (!review.IsInvited(command.StakeholderId))
            return Decision.Reject($"{command.StakeholderId} is not an invited stakeholder of this review.");
        if (command.Responses.Count == 0)
            return Decision.Reject("A response must cover at least one recommendation.");

        var unknown = command.Responses.Select(r => r.RecommendationNumber)
            .Where(n => !review.HasRecommendation(n)).Distinct().ToList();
        if (unknown.Count > 0)
            return Decision.Reject($"Not in this review's grid: {string.Join(", ", unknown)}.");

        var repeated = command.Responses.GroupBy(r => r.RecommendationNumber).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            return Decision.Reject($"Each recommendation can be answered once per submission; repeated: {string.Join(", ", repeated)}.");

        var pastTargets = command.Responses.Select(r => TargetDateProblem(r, now)).OfType<string>().ToList();
        if (pastTargets.Count > 0) return Decision.Reject(string.Join(". ", pastTargets) + ".");

        var revision = review.Revisions.GetValueOrDefault(command.StakeholderId) + 1;
        return Decision.Accept(new StakeholderResponseSubmitted(
            command.ReviewId, command.StakeholderId, revision, command.Responses.ToList(), now));
    }

    /// <summary>A target date is when the action will be done: one already past is a mistake, not a plan. Null when the date is fine.</summary>
    public static string? TargetDateProblem(RecommendationResponse response, DateTimeOffset now) =>
        response.TargetDate is { } date && date < UkTime.DateOf(now)
            ? $"The target date for recommendation {response.RecommendationNumber} must be today or later: {UkTime.Format(date)} has passed"
            : null;
}

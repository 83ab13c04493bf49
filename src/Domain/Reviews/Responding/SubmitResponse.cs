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
        if (review.Status < ReviewStatus.AwaitingResponses)
            return Decision.Reject("The response window has not been opened yet.");
        if (!review.Progress.WindowOpenAt(now))
            return Decision.Reject($"The response window closed at {review.Progress.ResponseDeadline:u}; responses can no longer be submitted or amended.");
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

        var revision = review.Revisions.GetValueOrDefault(command.StakeholderId) + 1;
        return Decision.Accept(new StakeholderResponseSubmitted(
            command.ReviewId, command.StakeholderId, revision, command.Responses.ToList(), now));
    }
}

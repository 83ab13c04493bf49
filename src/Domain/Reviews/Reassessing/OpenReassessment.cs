namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// At the review date the chair asks everyone invited to answer compliance again, by a deadline: a re-assessment round.
/// Their last answers stand until they answer again (the pages pre-fill them); closing the round records the assessment.
/// </summary>
public sealed record OpenReassessment(
    Guid ReviewId,
    DateTimeOffset Deadline,
    /// <summary>The review date after this round; a year after its deadline when not given.</summary>
    DateOnly? NextReviewDate,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, OpenReassessment command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        var progress = review!.Progress;
        if (!progress.MayOpenReassessment)
            return Decision.Reject(progress.Status switch
            {
                ReviewStatus.Reassessing => $"Re-assessment round {progress.Round} is already open; it closes {UkTime.Format(progress.ResponseDeadline!.Value)}.",
                ReviewStatus.Decided when review.Decision is { } d =>
                    $"A re-assessment round opens when the review date arrives, {UkTime.Format(d.ReviewDate)}. To re-assess sooner, amend the decision's review date.",
                _ => ReassessmentRules.NotYet,
            });
        if (review.Stakeholders.IsEmpty)
            return Decision.Reject("Invite at least one stakeholder before opening a re-assessment round.");
        if (command.Deadline <= now) return Decision.Reject(OpenResponseWindow.DeadlineNotAhead);
        var next = command.NextReviewDate ?? ReassessmentRules.DefaultNextReviewDate(command.Deadline);
        if (ReassessmentRules.NextReviewDateProblem(command.Deadline, next) is { } problem) return Decision.Reject(problem);

        return Decision.Accept(new ReassessmentOpened(command.ReviewId, progress.Round + 1, command.Deadline.ToUniversalTime(), next, now));
    }
}

/// <summary>The rules of re-assessment rounds that more than one reader needs: written once.</summary>
public static class ReassessmentRules
{
    public const string NotYet = "A re-assessment round follows a recorded decision, once its review date has arrived.";

    /// <summary>The review date after a round when the chair does not set one: a year after the round's deadline.</summary>
    public static DateOnly DefaultNextReviewDate(DateTimeOffset deadline) => UkTime.DateOf(deadline).AddYears(1);

    /// <summary>Null when the next review date may follow a round closing at <paramref name="deadline"/>.</summary>
    public static string? NextReviewDateProblem(DateTimeOffset deadline, DateOnly next) =>
        next <= UkTime.DateOf(deadline)
            ? $"The next review date must be after the round's deadline, {UkTime.Format(UkTime.DateOf(deadline))}."
            : next > UkTime.DateOf(deadline).AddYears(5) ? "The next review date must be within five years of the round's deadline." : null;

    /// <summary>
    /// Whether a stakeholder has answered in the current assessment — the one rule the write model and every view ask: for the
    /// baseline (round 0), whether they ever responded; in a re-assessment round, whether they have answered since it opened.
    /// </summary>
    public static bool HasAnswered(int round, bool everResponded, bool answeredInRound) => round == 0 ? everResponded : answeredInRound;

    /// <summary>How an assessment is named to people: the baseline, or its round.</summary>
    public static string Name(int round) => round == 0 ? "Baseline" : $"Re-assessment {round}";
}

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The window (or a re-assessment round) closes — by the chair, or at its deadline — and the collated response goes to everyone
/// invited, so primary and secondary care see one shared record.
/// </summary>
public sealed record CloseResponseWindow(
    Guid ReviewId,
    WindowClosure ClosedBy,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, CloseResponseWindow command, DateTimeOffset now, DeadlinePolicy policy)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (review!.Status < ReviewStatus.AwaitingResponses)
            return Decision.Reject("The response window has not been opened yet.");
        if (!review.Progress.CollectingResponses)
            return Decision.Reject("The response window is already closed.");
        if (command.ClosedBy == WindowClosure.AtDeadline && review.Progress.ResponseDeadline > now)
            return Decision.Reject("The deadline has not passed yet.");

        object closed = review.Status == ReviewStatus.Reassessing
            // A round's answers are an assessment of their own; monitoring goes on to the review date it set.
            ? new ReassessmentClosed(command.ReviewId, review.Progress.Round, command.ClosedBy, review.NonResponders,
                review.RoundNextReviewDate ?? ReassessmentRules.DefaultNextReviewDate(review.Progress.ResponseDeadline!.Value), now)
            : new ResponseWindowClosed(command.ReviewId, command.ClosedBy, review.NonResponders, now, now.AddDays(policy.FinancialImpactDueDays));
        return Decision.Accept(closed,
            new CollatedResponseDistributed(command.ReviewId, review.Stakeholders.Select(s => s.StakeholderId).ToList(), now));
    }
}

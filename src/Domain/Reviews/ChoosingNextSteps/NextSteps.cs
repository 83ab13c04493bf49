namespace GuidanceFlow.Domain.Reviews;

public enum NextStep
{
    BuildGrid, InviteStakeholders, OpenResponseWindow, InviteMoreStakeholders, CloseResponseWindowNow,
    Respond, AmendResponse, RespondFor, RecordFinancialImpact, ReviseFinancialImpact, RecordDecision,
    SetDecisionMeeting, MoveDecisionMeeting, CloseReview, ExtendResponseDeadline, OpenReassessment,
}

/// <summary>One thing the user can do next; <see cref="ForStakeholderId"/> names whose response, for a delegate.</summary>
public sealed record Step(NextStep What, string? ForStakeholderId = null);

/// <summary>The facts about a review that decide the next steps, whichever model (write or read) they come from.</summary>
public sealed record ReviewFacts(ReviewProgress Progress, bool HasGrid, bool HasStakeholders, bool FinancialImpactRecorded);

/// <summary>Who is asking: their group roles on the review's group and where they stand as a respondent.</summary>
public sealed record Asker(bool IsChair, bool IsFinanceLead, bool IsInvited, bool HasResponded, IReadOnlyList<string> RespondsFor);

/// <summary>
/// Which actions a user can take next on a review, in workflow order: the pages offer exactly these,
/// built from the same stage rules (<see cref="ReviewProgress"/>) the commands' Decide functions use.
/// </summary>
public static class NextSteps
{
    public static IReadOnlyList<Step> For(ReviewFacts review, Asker asker, DateTimeOffset now)
    {
        var steps = new List<Step>();
        var progress = review.Progress;
        var status = progress.Status;
        if (asker.IsChair && progress.GridMayChange)
        {
            steps.Add(new(NextStep.BuildGrid));
            steps.Add(new(NextStep.InviteStakeholders));
            if (review.HasGrid && review.HasStakeholders) steps.Add(new(NextStep.OpenResponseWindow));
        }
        if (asker.IsChair && progress.MayOpenReassessment)
            steps.Add(new(NextStep.OpenReassessment));
        if (asker.IsChair && progress.CollectingResponses)
        {
            steps.Add(new(NextStep.InviteMoreStakeholders));
            steps.Add(new(NextStep.ExtendResponseDeadline));
            steps.Add(new(NextStep.CloseResponseWindowNow));
        }
        if (progress.WindowOpenAt(now))
        {
            if (asker.IsInvited) steps.Add(new(asker.HasResponded ? NextStep.AmendResponse : NextStep.Respond));
            steps.AddRange(asker.RespondsFor.Select(s => new Step(NextStep.RespondFor, s)));
        }
        if ((asker.IsChair || asker.IsFinanceLead) && progress.FinancialImpactMayChange)
            steps.Add(new(review.FinancialImpactRecorded ? NextStep.ReviseFinancialImpact : NextStep.RecordFinancialImpact));
        if (asker.IsChair && progress.DecisionMayBeRecorded)
            steps.Add(new(NextStep.RecordDecision));
        if (asker.IsChair && status is ReviewStatus.AwaitingResponses or ReviewStatus.Collated or ReviewStatus.FinanciallyAssessed)
            steps.Add(new(progress.DecisionDue is null ? NextStep.SetDecisionMeeting : NextStep.MoveDecisionMeeting));
        if (asker.IsChair && !progress.IsClosed)
            steps.Add(new(NextStep.CloseReview));
        return steps;
    }
}

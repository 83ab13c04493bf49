namespace GuidanceFlow.Domain.Reviews;

/// <summary>The stages a review goes through, as a chair thinks of them.</summary>
public enum ReviewStage { Grid, Invitations, Responses, FinancialImpact, Decision, Monitoring }

public enum StageState { Done, Current, ToDo }

public sealed record StageStanding(ReviewStage Stage, StageState State);

/// <summary>
/// Where a review is among its stages, from its status (the one home of status): grid and invitations go on
/// together until the window opens; monitoring follows the decision until the review is closed.
/// </summary>
public static class ReviewStages
{
    public static IReadOnlyList<StageStanding> Of(ReviewProgress progress, bool hasGrid, bool hasStakeholders)
    {
        var current = progress.Status switch
        {
            ReviewStatus.Opened => ReviewStage.Grid,
            ReviewStatus.GridReady => hasStakeholders && hasGrid ? ReviewStage.Responses : ReviewStage.Invitations,
            ReviewStatus.AwaitingResponses => ReviewStage.Responses,
            ReviewStatus.Collated => ReviewStage.FinancialImpact,
            ReviewStatus.FinanciallyAssessed => ReviewStage.Decision,
            _ => ReviewStage.Monitoring,
        };
        var closed = progress.Status == ReviewStatus.Closed;
        return Enum.GetValues<ReviewStage>().Select(stage => new StageStanding(stage,
            closed || stage < current ? StageState.Done : stage == current ? StageState.Current : StageState.ToDo)).ToList();
    }
}

namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// An invited stakeholder delegates their response to a colleague (who must be of the same
/// organisation when they come to respond), or withdraws the delegation. Only while the window is open.
/// </summary>
public sealed record DelegateResponse(
    Guid ReviewId,
    string StakeholderId,
    string? DelegateUserId,
    string? DelegateName,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, DelegateResponse command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (command.Actor.UserId != command.StakeholderId || !review!.IsInvited(command.StakeholderId))
            return Decision.Forbid("Only the invited stakeholder can delegate their response.");
        if (!review.Progress.WindowOpenAt(now))
            return Decision.Reject("The response window has closed; there is nothing left to delegate.");

        if (command.DelegateUserId is null)
            return review.Delegates.ContainsKey(command.StakeholderId)
                ? Decision.Accept(new ResponseDelegationWithdrawn(command.ReviewId, command.StakeholderId, now))
                : Decision.Reject("There is no delegation to withdraw.");
        if (command.DelegateUserId == command.StakeholderId)
            return Decision.Reject("You cannot delegate your response to yourself.");
        return Decision.Accept(new ResponseDelegated(command.ReviewId, command.StakeholderId, command.DelegateUserId,
            (command.DelegateName ?? command.DelegateUserId).Trim(), now));
    }
}

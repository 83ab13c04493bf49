namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// An invited stakeholder delegates their response to a colleague, or withdraws the delegation.
/// Only while the window is open, and only to a real user of the stakeholder's own organisation:
/// <paramref name="found"/> is the directory's entry for <see cref="DelegateUserId"/> (null when
/// nobody has that id), looked up by the handler because the rule cannot reach the directory.
/// </summary>
public sealed record DelegateResponse(
    Guid ReviewId,
    string StakeholderId,
    string? DelegateUserId,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, DelegateResponse command, Colleague? found, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (command.Actor.UserId != command.StakeholderId || !review!.IsInvited(command.StakeholderId))
            return Decision.Forbid("Only the invited stakeholder can delegate their response.");
        if (!review.Progress.WindowOpenAt(now))
            return Decision.Reject($"{review.Progress.WhyWindowIsShut(now)} There is nothing left to delegate.");

        if (command.DelegateUserId is null)
            return review.Delegates.ContainsKey(command.StakeholderId)
                ? Decision.Accept(new ResponseDelegationWithdrawn(command.ReviewId, command.StakeholderId, now))
                : Decision.Reject("There is no delegation to withdraw.");
        if (string.Equals(command.DelegateUserId, command.StakeholderId, StringComparison.OrdinalIgnoreCase))
            return Decision.Reject("You cannot delegate your response to yourself.");
        if (found is null || !string.Equals(found.UserId, command.DelegateUserId, StringComparison.OrdinalIgnoreCase))
            return Decision.Reject($"No GuidanceFlow user has the id '{command.DelegateUserId}'. " +
                                   "A colleague can be chosen once they have signed in to GuidanceFlow.");
        var stakeholder = review.Stakeholders.First(s => s.StakeholderId == command.StakeholderId);
        if (!found.WorksFor(stakeholder))
            return Decision.Reject($"{found.Name} works for {found.Organisation}, not {stakeholder.Organisation}; " +
                                   "you can delegate only to a colleague of your own organisation.");
        return Decision.Accept(new ResponseDelegated(command.ReviewId, command.StakeholderId, found.UserId, found.Name, now, found.Email));
    }
}

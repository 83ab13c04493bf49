namespace GuidanceFlow.Domain.Reviews;

/// <summary>The chair invites stakeholders to respond; late invitations are allowed while the window is open.</summary>
public sealed record InviteStakeholders(
    Guid ReviewId,
    IReadOnlyList<Stakeholder> Stakeholders,
    long? ExpectedVersion,
    Actor Actor) : IReviewCommand
{
    /// <summary>Said by the validator and the rule alike, written once.</summary>
    public const string NobodyInvited = "Invite at least one stakeholder.";

    public static Decision Decide(Review? review, InviteStakeholders command)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (!review!.Progress.MayInvite)
            return Decision.Reject("Stakeholders cannot be invited after the response window has closed.");
        if (command.Stakeholders.Count == 0)
            return Decision.Reject(NobodyInvited);

        // One person, whatever the case of their id: "Tom.Hadley" is not a second stakeholder beside "tom.hadley".
        var repeated = command.Stakeholders.GroupBy(s => s.StakeholderId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            return Decision.Reject($"Each stakeholder can be invited once; repeated: {string.Join(", ", repeated)}.");

        var already = command.Stakeholders
            .Where(s => review.Stakeholders.Any(i => string.Equals(i.StakeholderId, s.StakeholderId, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.StakeholderId).ToList();
        if (already.Count > 0)
            return Decision.Reject($"Already invited: {string.Join(", ", already)}.");

        return Decision.Accept(new StakeholdersInvited(command.ReviewId, command.Stakeholders.ToList()));
    }
}

using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Reviews;

/// <summary>
/// What the access rule needs of a review — its group, who is invited, who responds for whom — and
/// the version it reflects. A few hundred bytes however large the review's shared view grows, so a
/// request that only needs to know whether the user may see the review does not read the view.
/// Kept inline, in the same transaction as the events, like the view itself.
/// </summary>
public sealed class ReviewAccessCard
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Group { get; set; } = "";
    public List<string> StakeholderIds { get; set; } = [];

    /// <summary>The collated response has been shared with everyone invited: stakeholders may then read each other's answers.</summary>
    public bool Distributed { get; set; }

    /// <summary>Invited stakeholder id → the colleague responding for them.</summary>
    public Dictionary<string, string> Delegates { get; set; } = [];

    /// <summary>Invited to respond, for themselves or as a delegate.</summary>
    public bool Invites(string userId) => StakeholderIds.Contains(userId) || Delegates.ContainsValue(userId);

    /// <summary>The stakeholders whose answers <paramref name="userId"/> gives: their own, and those of anyone who delegated to them.</summary>
    public HashSet<string> AnswersGivenBy(string userId) =>
        [.. StakeholderIds.Where(s => s == userId), .. Delegates.Where(d => d.Value == userId).Select(d => d.Key)];

    /// <summary>The same card, from a shared view already read.</summary>
    public static ReviewAccessCard Of(ReviewView view) => new()
    {
        Id = view.Id,
        Version = view.Version,
        Group = view.Group,
        StakeholderIds = view.Stakeholders.Select(s => s.StakeholderId).ToList(),
        Delegates = view.Delegations.ToDictionary(d => d.StakeholderId, d => d.DelegateUserId),
        Distributed = view.DistributedAt is not null,
    };
}

public sealed class ReviewAccessCardProjection : SingleStreamProjection<ReviewAccessCard, Guid>
{
    public override ReviewAccessCard? Evolve(ReviewAccessCard? card, Guid id, IEvent e)
    {
        if (e.Data is GuidanceReviewOpened opened) return new ReviewAccessCard { Id = opened.ReviewId, Group = opened.Group };
        if (card is null) return null;
        switch (e.Data)
        {
            case StakeholdersInvited invited:
                card.StakeholderIds.AddRange(invited.Stakeholders.Select(s => s.StakeholderId));
                break;
            case ResponseDelegated delegated:
                card.Delegates[delegated.StakeholderId] = delegated.DelegateUserId;
                break;
            case ResponseDelegationWithdrawn withdrawn:
                card.Delegates.Remove(withdrawn.StakeholderId);
                break;
            case CollatedResponseDistributed:
                card.Distributed = true;
                break;
        }
        return card;
    }
}

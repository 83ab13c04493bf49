using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Views;

/// <summary>
/// Where each invited stakeholder stands on one review: the source of every stakeholder's and
/// organisation's inbox. Built by the async daemon; queried across reviews by stakeholder or organisation.
/// </summary>
public sealed class ReviewInbox : ReviewStanding
{
    public Guid Id { get; set; }
    public string GuidanceId { get; set; } = "";
    public GuidanceType GuidanceType { get; set; }
    public string Title { get; set; } = "";
    public string Group { get; set; } = "";
    public DateTimeOffset? DistributedAt { get; set; }
    public List<string> StakeholderIds { get; set; } = [];
    public List<string> OrganisationCodes { get; set; } = [];
    public List<InboxStakeholder> Stakeholders { get; set; } = [];
}

public sealed class InboxStakeholder
{
    public string StakeholderId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string? OrganisationCode { get; set; }
    public Sector Sector { get; set; }
    public int Revisions { get; set; }
    public DateTimeOffset? LastSubmittedAt { get; set; }
    /// <summary>Has answered in the open re-assessment round (or, for the baseline, at all).</summary>
    public bool AnsweredThisRound { get; set; }
}

public sealed class InboxProjection : SingleStreamProjection<ReviewInbox, Guid>
{
    public override ReviewInbox? Evolve(ReviewInbox? inbox, Guid id, IEvent e) => ReviewStanding.Fold(inbox, e, Opened, Keep);

    private static ReviewInbox Opened(GuidanceReviewOpened e) => new()
    {
        Id = e.ReviewId, GuidanceId = e.GuidanceId, GuidanceType = e.GuidanceType, Title = e.Title, Group = e.Group,
    };

    private static void Keep(ReviewInbox inbox, IReviewEvent e)
    {
        switch (e)
        {
            case StakeholdersInvited invited:
                foreach (var s in invited.Stakeholders)
                {
                    inbox.Stakeholders.Add(new InboxStakeholder
                    {
                        StakeholderId = s.StakeholderId, Name = s.Name, Organisation = s.Organisation, OrganisationCode = s.OrganisationCode,
                        Sector = s.Sector,
                    });
                    inbox.StakeholderIds.Add(s.StakeholderId);
                    if (s.OrganisationCode is { } code && !inbox.OrganisationCodes.Contains(code)) inbox.OrganisationCodes.Add(code);
                }
                break;
            case StakeholderResponseSubmitted submitted:
                if (inbox.Stakeholders.FirstOrDefault(x => x.StakeholderId == submitted.StakeholderId) is { } stakeholder)
                {
                    stakeholder.Revisions = submitted.Revision;
                    stakeholder.LastSubmittedAt = submitted.SubmittedAt;
                    stakeholder.AnsweredThisRound = true;
                }
                break;
            case ReassessmentOpened:
                // Everyone is asked again; the collated response is shared again when the round closes.
                foreach (var s in inbox.Stakeholders) s.AnsweredThisRound = false;
                inbox.DistributedAt = null;
                break;
            case CollatedResponseDistributed distributed:
                inbox.DistributedAt = distributed.DistributedAt;
                break;
        }
    }
}

using GuidanceFlow.Domain.Reviews;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Views;

/// <summary>
/// Where each invited stakeholder stands on one review: the source of every stakeholder's and
/// organisation's inbox. Built by the async daemon; queried across reviews by stakeholder or organisation.
/// </summary>
public sealed class ReviewInbox
{
    public Guid Id { get; set; }
    public string GuidanceId { get; set; } = "";
    public GuidanceType GuidanceType { get; set; }
    public string Title { get; set; } = "";
    public string Group { get; set; } = "";
    public ReviewStatus Status { get; set; }
    public DateTimeOffset? Deadline { get; set; }
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
}

public sealed class InboxProjection : SingleStreamProjection<ReviewInbox, Guid>
{
    public static ReviewInbox Create(GuidanceReviewOpened e) => new()
    {
        Id = e.ReviewId, GuidanceId = e.GuidanceId, GuidanceType = e.GuidanceType, Title = e.Title, Group = e.Group,
        Status = ReviewStatus.Opened,
    };

    public static void Apply(RecommendationGridCreated e, ReviewInbox inbox) => inbox.Status = ReviewStatus.GridReady;

    public static void Apply(StakeholdersInvited e, ReviewInbox inbox)
    {
        foreach (var s in e.Stakeholders)
        {
            inbox.Stakeholders.Add(new InboxStakeholder
            {
                StakeholderId = s.StakeholderId, Name = s.Name, Organisation = s.Organisation, OrganisationCode = s.OrganisationCode,
                Sector = s.Sector,
            });
            inbox.StakeholderIds.Add(s.StakeholderId);
            if (s.OrganisationCode is { } code && !inbox.OrganisationCodes.Contains(code)) inbox.OrganisationCodes.Add(code);
        }
    }

    public static void Apply(ResponseWindowOpened e, ReviewInbox inbox)
    {
        inbox.Deadline = e.Deadline;
        inbox.Status = ReviewStatus.AwaitingResponses;
    }

    public static void Apply(DeadlineExtended e, ReviewInbox inbox)
    {
        if (e.Deadline == DeadlineKind.ResponseWindow) inbox.Deadline = e.NewDue;
    }

    public static void Apply(StakeholderResponseSubmitted e, ReviewInbox inbox)
    {
        var s = inbox.Stakeholders.FirstOrDefault(x => x.StakeholderId == e.StakeholderId);
        if (s is null) return;
        s.Revisions = e.Revision;
        s.LastSubmittedAt = e.SubmittedAt;
    }

    public static void Apply(ResponseWindowClosed e, ReviewInbox inbox) => inbox.Status = ReviewStatus.Collated;
    public static void Apply(CollatedResponseDistributed e, ReviewInbox inbox) => inbox.DistributedAt = e.DistributedAt;
    public static void Apply(FinancialImpactAssessed e, ReviewInbox inbox) => inbox.Status = ReviewStatus.FinanciallyAssessed;
    public static void Apply(FinancialImpactMarkedNotNeeded e, ReviewInbox inbox) => inbox.Status = ReviewStatus.FinanciallyAssessed;
    public static void Apply(DecisionRecorded e, ReviewInbox inbox) => inbox.Status = ReviewStatus.Decided;
    public static void Apply(ReviewDue e, ReviewInbox inbox) => inbox.Status = ReviewStatus.UnderReview;
    public static void Apply(ReviewClosed e, ReviewInbox inbox) => inbox.Status = ReviewStatus.Closed;
}

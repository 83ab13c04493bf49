using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Views;

/// <summary>Red: something is not met; amber: partly met; green: met or not applicable; not assessed: no answers yet.</summary>
public enum Rag { NotAssessed, Green, Amber, Red }

/// <summary>One row of a group's register of reviews. Built by the async daemon.</summary>
public sealed class RegisterEntry
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string GuidanceId { get; set; } = "";
    public GuidanceType GuidanceType { get; set; }
    public string Title { get; set; } = "";
    public DateOnly PublishedOn { get; set; }
    public string Group { get; set; } = "";
    public ReviewStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public int InvitedCount { get; set; }
    public int RespondedCount { get; set; }
    public double ShareResponded { get; set; }
    /// <summary>Stakeholders who did not respond by the deadline.</summary>
    public int MissedResponses { get; set; }
    /// <summary>Deadlines passed with their work still undone (escalated and not yet resolved).</summary>
    public int OverdueCount { get; set; }
    public Rag Rag { get; set; }
    public DateTimeOffset? NextDeadline { get; set; }
    public DecisionOutcome? Outcome { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    // What the row is worked out from.
    public List<string> Invited { get; set; } = [];
    public Dictionary<string, Compliance> Answers { get; set; } = [];
    public List<string> Overdue { get; set; } = [];
    public DateTimeOffset? ResponseDeadline { get; set; }
    public DateTimeOffset? FinancialImpactDue { get; set; }
    public DateTimeOffset? DecisionMeetingAt { get; set; }
    public DateTimeOffset? ReviewDueAt { get; set; }
}

public sealed class RegisterProjection : SingleStreamProjection<RegisterEntry, Guid>
{
    public static RegisterEntry Create(GuidanceReviewOpened e) => new()
    {
        Id = e.ReviewId, GuidanceId = e.GuidanceId, GuidanceType = e.GuidanceType, Title = e.Title, PublishedOn = e.PublishedOn,
        Group = e.Group, OpenedAt = e.OpenedAt, Status = ReviewStatus.Opened,
    };

    public static void Apply(RecommendationGridCreated e, RegisterEntry r) => Update(r, ReviewStatus.GridReady);

    public static void Apply(StakeholdersInvited e, RegisterEntry r)
    {
        r.Invited.AddRange(e.Stakeholders.Select(s => s.StakeholderId));
        Update(r);
    }

    public static void Apply(ResponseWindowOpened e, RegisterEntry r)
    {
        r.ResponseDeadline = e.Deadline;
        Update(r, ReviewStatus.AwaitingResponses);
    }

    public static void Apply(StakeholderResponseSubmitted e, RegisterEntry r)
    {
        foreach (var answer in e.Responses) r.Answers[$"{e.StakeholderId}|{answer.RecommendationNumber}"] = answer.Compliance;
        Update(r);
    }

    public static void Apply(ResponseWindowClosed e, RegisterEntry r)
    {
        r.MissedResponses = e.NonResponders.Count;
        r.FinancialImpactDue = e.FinancialImpactDue;
        Update(r, ReviewStatus.Collated);
    }

    public static void Apply(FinancialImpactAssessed e, RegisterEntry r) => Resolve(r, DeadlineKind.FinancialImpact, ReviewStatus.FinanciallyAssessed);
    public static void Apply(FinancialImpactMarkedNotNeeded e, RegisterEntry r) => Resolve(r, DeadlineKind.FinancialImpact, ReviewStatus.FinanciallyAssessed);

    public static void Apply(DecisionMeetingScheduled e, RegisterEntry r)
    {
        r.DecisionMeetingAt = e.MeetingAt;
        Update(r);
    }

    public static void Apply(DecisionRecorded e, RegisterEntry r)
    {
        r.Outcome = e.Outcome;
        r.DecidedAt = e.DecidedAt;
        r.ReviewDueAt = DeadlinePolicy.ReviewDueAt(e.ReviewDate);
        r.Overdue.RemoveAll(o => o is nameof(DeadlineKind.Decision) or nameof(DeadlineKind.TechnologyAppraisalFunding));
        Update(r, ReviewStatus.Decided);
    }

    public static void Apply(DeadlineExtended e, RegisterEntry r)
    {
        switch (e.Deadline)
        {
            case DeadlineKind.ResponseWindow: r.ResponseDeadline = e.NewDue; break;
            case DeadlineKind.FinancialImpact: r.FinancialImpactDue = e.NewDue; break;
            case DeadlineKind.Decision: r.DecisionMeetingAt = e.NewDue; break;
            case DeadlineKind.Review: r.ReviewDueAt = e.NewDue; break;
        }
        // A moved deadline is no longer overdue.
        r.Overdue.Remove(e.Deadline.ToString());
        Update(r);
    }

    public static void Apply(DeadlineEscalated e, RegisterEntry r)
    {
        if (!r.Overdue.Contains(e.Deadline.ToString())) r.Overdue.Add(e.Deadline.ToString());
        Update(r);
    }

    public static void Apply(FundingDeadlineAlert e, RegisterEntry r)
    {
        if (e.Day >= DeadlinePolicy.FundingDays && !r.Overdue.Contains(nameof(DeadlineKind.TechnologyAppraisalFunding)))
            r.Overdue.Add(nameof(DeadlineKind.TechnologyAppraisalFunding));
        Update(r);
    }

    public static void Apply(ReviewDue e, RegisterEntry r) => Update(r, ReviewStatus.UnderReview);
    public static void Apply(ReviewClosed e, RegisterEntry r)
    {
        r.Overdue.Clear();
        Update(r, ReviewStatus.Closed);
    }

    private static void Resolve(RegisterEntry r, DeadlineKind kind, ReviewStatus status)
    {
        r.Overdue.Remove(kind.ToString());
        Update(r, status);
    }

    private static void Update(RegisterEntry r, ReviewStatus? status = null)
    {
        if (status is { } s) r.Status = s;
        var responded = r.Answers.Keys.Select(k => k.Split('|')[0]).ToHashSet();
        r.InvitedCount = r.Invited.Count;
        r.RespondedCount = r.Invited.Count(responded.Contains);
        r.ShareResponded = r.InvitedCount == 0 ? 0 : Math.Round((double)r.RespondedCount / r.InvitedCount, 3);
        r.OverdueCount = r.Overdue.Count;
        var answers = r.Answers.Values.ToList();
        r.Rag = answers.Contains(Compliance.NotMet) ? Rag.Red
            : answers.Contains(Compliance.PartiallyMet) ? Rag.Amber
            : answers.Contains(Compliance.Met) ? Rag.Green
            : Rag.NotAssessed;
        r.NextDeadline = NextDeadlines.For(r.Status, r.ResponseDeadline, r.FinancialImpactDue, r.DecisionMeetingAt, r.ReviewDueAt);
    }
}

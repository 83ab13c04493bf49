using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Views;

/// <summary>
/// A decision as a commissioner audits it: outcome and rationale, who decided and when, the
/// financial impact as it stood at that moment, and who had not responded. Built by the async daemon.
/// </summary>
public sealed class DecisionRecord
{
    public Guid Id { get; set; }
    public string GuidanceId { get; set; } = "";
    public GuidanceType GuidanceType { get; set; }
    public string Title { get; set; } = "";
    public string Group { get; set; } = "";
    public DecisionOutcome? Outcome { get; set; }
    public string? Rationale { get; set; }
    public string? Risk { get; set; }
    public List<ActionItem> Actions { get; set; } = [];
    public DateOnly? ReviewDate { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public ActorRef? DecidedBy { get; set; }
    /// <summary>The review's version when the decision was recorded: `GET /api/reviews/{id}?version=` shows the grid then.</summary>
    public long? DecisionVersion { get; set; }
    public FinancialImpactAssessed? FinancialImpactAtDecision { get; set; }
    public string? FinancialImpactNotNeededReason { get; set; }
    public int InvitedCount { get; set; }
    public List<StakeholderRef> NotResponded { get; set; } = [];
    /// <summary>Each amendment of the decision, oldest first: what it changed to, why, who and when. The fields above show the latest.</summary>
    public List<DecisionAmendmentRecord> Amendments { get; set; } = [];

    /// <summary>Each agreed action's status by action, and every update, reminder and alert on the actions with who and when.</summary>
    public Dictionary<string, ActionStatus> ActionStatuses { get; set; } = [];
    public List<ActionAuditEntry> ActionHistory { get; set; } = [];

    /// <summary>Each re-assessment round with who opened it, and when and how it closed.</summary>
    public List<ReassessmentAudit> Reassessments { get; set; } = [];

    // Tracked until the decision, then frozen into the fields above.
    public List<Stakeholder> Invited { get; set; } = [];
    public List<string> Responded { get; set; } = [];
    public FinancialImpactAssessed? LatestFinancialImpact { get; set; }
    public string? LatestNotNeededReason { get; set; }
}

public sealed record ActionAuditEntry(string Action, ActionHistoryEntry Entry);

/// <summary>A re-assessment round as audited: who opened it and when, its deadline, and once closed, how and who did not answer again.</summary>
public sealed record ReassessmentAudit(int Round, DateTimeOffset OpenedAt, ActorRef OpenedBy, DateTimeOffset Deadline, DateOnly NextReviewDate,
    DateTimeOffset? ClosedAt = null, WindowClosure? ClosedBy = null, IReadOnlyList<StakeholderRef>? NotAnswered = null);

public sealed record DecisionAmendmentRecord(DecisionOutcome Outcome, string Rationale, string Reason, DateTimeOffset AmendedAt, ActorRef AmendedBy,
    long Version);

public sealed class DecisionAuditProjection : SingleStreamProjection<DecisionRecord, Guid>
{
    public static DecisionRecord Create(GuidanceReviewOpened e) => new()
    {
        Id = e.ReviewId, GuidanceId = e.GuidanceId, GuidanceType = e.GuidanceType, Title = e.Title, Group = e.Group,
    };

    public static void Apply(StakeholdersInvited e, DecisionRecord d) => d.Invited.AddRange(e.Stakeholders);

    public static void Apply(StakeholderResponseSubmitted e, DecisionRecord d)
    {
        if (!d.Responded.Contains(e.StakeholderId)) d.Responded.Add(e.StakeholderId);
    }

    public static void Apply(IEvent<ReassessmentOpened> e, DecisionRecord d) =>
        d.Reassessments.Add(new ReassessmentAudit(e.Data.Round, e.Data.OpenedAt, ActorHeaders.Of(e), e.Data.Deadline, e.Data.NextReviewDate));

    public static void Apply(ReassessmentClosed e, DecisionRecord d)
    {
        d.Reassessments = d.Reassessments.Select(r => r.Round != e.Round ? r : r with
        {
            ClosedAt = e.ClosedAt, ClosedBy = e.ClosedBy,
            NotAnswered = d.Invited.Where(s => e.NonResponders.Contains(s.StakeholderId))
                .Select(s => new StakeholderRef(s.StakeholderId, s.Name, s.Organisation, s.Sector)).ToList(),
        }).ToList();
    }


    public static void Apply(FinancialImpactAssessed e, DecisionRecord d)
    {
        d.LatestFinancialImpact = e;
        d.LatestNotNeededReason = null;
    }

    public static void Apply(FinancialImpactMarkedNotNeeded e, DecisionRecord d)
    {
        d.LatestFinancialImpact = null;
        d.LatestNotNeededReason = e.Reason;
    }

    public static void Apply(IEvent<DecisionRecorded> e, DecisionRecord d)
    {
        var decision = e.Data;
        d.Outcome = decision.Outcome;
        d.Rationale = decision.Rationale;
        d.Risk = decision.Risk;
        d.Actions = [.. decision.Actions];
        d.ReviewDate = decision.ReviewDate;
        d.DecidedAt = decision.DecidedAt;
        d.DecidedBy = ActorHeaders.Of(e);
        d.DecisionVersion = e.Version;
        d.FinancialImpactAtDecision = d.LatestFinancialImpact;
        d.FinancialImpactNotNeededReason = d.LatestNotNeededReason;
        d.InvitedCount = d.Invited.Count;
        d.NotResponded = d.Invited.Where(s => !d.Responded.Contains(s.StakeholderId))
            .Select(s => new StakeholderRef(s.StakeholderId, s.Name, s.Organisation, s.Sector)).ToList();
    }

    public static void Apply(IEvent<ActionProgressRecorded> e, DecisionRecord d)
    {
        d.ActionStatuses[e.Data.Action] = e.Data.Status;
        Audit(e, d);
    }

    public static void Apply(IEvent<ActionReminderSent> e, DecisionRecord d) => Audit(e, d);

    public static void Apply(IEvent<ActionOverdue> e, DecisionRecord d) => Audit(e, d);

    private static void Audit(IEvent e, DecisionRecord d)
    {
        if (ActionHistoryEntry.Of(e) is var (action, entry)) d.ActionHistory.Add(new ActionAuditEntry(action, entry));
    }

    public static void Apply(IEvent<DecisionAmended> e, DecisionRecord d)
    {
        var a = e.Data;
        (d.Outcome, d.Rationale, d.Risk, d.Actions, d.ReviewDate) = (a.Outcome, a.Rationale, a.Risk, [.. a.Actions], a.ReviewDate);
        d.Amendments.Add(new DecisionAmendmentRecord(a.Outcome, a.Rationale, a.Reason, a.AmendedAt, ActorHeaders.Of(e), e.Version));
    }
}

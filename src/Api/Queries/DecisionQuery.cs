using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Workflows.Audit;
using Marten;
using Npgsql;

namespace GuidanceFlow.Api.Queries;

public sealed record AuditedDecision(
    Guid ReviewId, string GuidanceId, string Title, string Group, GuidanceFlow.Domain.Reviews.DecisionOutcome Outcome, string Rationale,
    string? Risk, IReadOnlyList<GuidanceFlow.Domain.Reviews.ActionItem> Actions, DateOnly ReviewDate, DateTimeOffset DecidedAt,
    GuidanceFlow.Projections.ActorRef? DecidedBy, long DecisionVersion, GuidanceFlow.Domain.Reviews.FinancialImpactAssessed? FinancialImpact,
    string? FinancialImpactNotNeededReason, int InvitedCount, IReadOnlyList<GuidanceFlow.Projections.Reviews.StakeholderRef> NotResponded,
    IReadOnlyList<DecisionAmendmentRecord> Amendments, IReadOnlyDictionary<string, GuidanceFlow.Domain.Reviews.ActionStatus>? ActionStatuses = null,
    IReadOnlyList<ActionAuditEntry>? ActionHistory = null,
    IReadOnlyList<GuidanceFlow.Domain.Benchmarking.ComplianceAssessment>? Assessments = null, IReadOnlyList<ReassessmentAudit>? Reassessments = null)
{
    /// <param name="compliance">The review's compliance over time, as benchmarking keeps it (one record of it for both).</param>
    public static AuditedDecision From(DecisionRecord d, GuidanceFlow.Domain.Benchmarking.ReviewBenchmark? compliance = null) => new(
        d.Id, d.GuidanceId, d.Title, d.Group, d.Outcome!.Value, d.Rationale!, d.Risk, d.Actions, d.ReviewDate!.Value, d.DecidedAt!.Value,
        d.DecidedBy, d.DecisionVersion!.Value, d.FinancialImpactAtDecision, d.FinancialImpactNotNeededReason, d.InvitedCount, d.NotResponded,
        d.Amendments, d.ActionStatuses, d.ActionHistory, compliance?.Assessments ?? [], d.Reassessments);
}

/// <summary>Decisions as commissioners audit them, from the decision-audit read model.</summary>
public static class DecisionQuery
{
    /// <summary>The decisions of the given groups, newest first: for the API and the decisions page.</summary>
    public static async Task<List<AuditedDecision>> DecisionsAsync(IQuerySession query, List<string> groups, DateTimeOffset? from,
        DateTimeOffset? to, string? group, CancellationToken ct, DecisionOutcome? outcome = null, GuidanceType? type = null, int limit = 1000)
    {
        var q = query.Query<DecisionRecord>().Where(d => d.DecidedAt != null && d.Group.IsOneOf(groups));
        if (from is { } f) q = q.Where(d => d.DecidedAt >= f);
        if (to is { } t) q = q.Where(d => d.DecidedAt <= t);
        if (!string.IsNullOrWhiteSpace(group)) q = q.Where(d => d.Group == group);
        if (outcome is { } o) q = q.Where(d => d.Outcome == o);
        if (type is { } kind) q = q.Where(d => d.GuidanceType == kind);
        var decisions = await q.OrderByDescending(d => d.DecidedAt).Take(limit).ToListAsync(ct);
        // Each decision's compliance at every assessment, by primary key in one round trip.
        var compliance = (await query.LoadManyAsync<GuidanceFlow.Domain.Benchmarking.ReviewBenchmark>(ct, decisions.Select(d => d.Id).ToArray()))
            .ToDictionary(r => r.Id);
        return decisions.Select(d => AuditedDecision.From(d, compliance.GetValueOrDefault(d.Id))).ToList();
    }
}

using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Workflows.Scheduling;
using Marten;

namespace GuidanceFlow.Api.Queries;

public sealed record StatusCount(ReviewStatus Status, long Count);

/// <summary>A technology appraisal whose statutory funding deadline falls soon, with no decision yet.</summary>
public sealed record FundingDue(Guid ReviewId, string GuidanceId, string Title, DateTimeOffset DueAt, string DueUk);

/// <summary>
/// A commissioner's health economy at a glance: open reviews by status, how many are overdue, the RAG of those
/// assessed, decisions this quarter, and technology appraisals near their funding deadline. Counts only, each
/// answered by the database from the register's indexed group column, in one round trip.
/// </summary>
public sealed record Dashboard(
    IReadOnlyList<StatusCount> ByStatus, long Overdue, long Red, long Amber, long Green, long NotAssessed,
    long DecisionsThisQuarter, DateOnly QuarterFrom, IReadOnlyList<FundingDue> FundingSoon)
{
    public static readonly TimeSpan FundingWindow = TimeSpan.FromDays(30);

    public static async Task<Dashboard> ForAsync(IQuerySession query, IReadOnlyList<string> groups, DateTimeOffset now, CancellationToken ct)
    {
        var today = UkTime.DateOf(now);
        // Quarters as the NHS financial year counts them: April, July, October, January.
        var quarterMonth = ((today.Month - 4 + 12) % 12) / 3 * 3 + 4;
        var quarterFrom = new DateOnly(quarterMonth > today.Month ? today.Year - 1 : today.Year, (quarterMonth - 1) % 12 + 1, 1);
        var quarterStart = UkTime.At(quarterFrom, TimeOnly.MinValue);

        var batch = query.CreateBatchQuery();
        var open = Enum.GetValues<ReviewStatus>().Where(s => s != ReviewStatus.Closed)
            .Select(s => (s, batch.Query<RegisterEntry>().Where(r => r.Group.IsOneOf(groups.ToArray()) && r.Status == s).Count())).ToList();
        var overdue = batch.Query<RegisterEntry>().Where(r => r.Group.IsOneOf(groups.ToArray()) && r.Status != ReviewStatus.Closed && r.OverdueCount > 0).Count();
        var rag = Enum.GetValues<Rag>()
            .Select(g => (g, batch.Query<RegisterEntry>().Where(r => r.Group.IsOneOf(groups.ToArray()) && r.Status != ReviewStatus.Closed && r.Rag == g).Count())).ToList();
        var decided = batch.Query<RegisterEntry>().Where(r => r.Group.IsOneOf(groups.ToArray()) && r.DecidedAt >= quarterStart).Count();
        var until = now + FundingWindow;
        var funding = batch.Query<ScheduledDeadline>()
            .Where(d => d.Group.IsOneOf(groups.ToArray()) && d.Deadline == DeadlineKind.TechnologyAppraisalFunding && d.DueAt <= until)
            .OrderBy(d => d.DueAt).Take(100).ToList();
        await batch.Execute(ct);

        var counts = new List<StatusCount>();
        foreach (var (status, count) in open) counts.Add(new StatusCount(status, await count));
        var byRag = new Dictionary<Rag, long>();
        foreach (var (g, count) in rag) byRag[g] = await count;
        var soon = (await funding).GroupBy(d => d.ReviewId).Select(g => g.First())
            .Select(d => new FundingDue(d.ReviewId, d.GuidanceId, d.Title, d.DueAt, UkTime.Format(d.DueAt))).Take(20).ToList();
        return new Dashboard(counts, await overdue, byRag[Rag.Red], byRag[Rag.Amber], byRag[Rag.Green], byRag[Rag.NotAssessed],
            await decided, quarterFrom, soon);
    }
}

using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Triage;
using Marten;

namespace GuidanceFlow.Api.Queries;

/// <summary>A group's triage queue, for the API and the pages alike: by status, soonest due first (overdue on top).</summary>
public static class TriageQueue
{
    public static async Task<TriagePage> PageAsync(IQuerySession query, string group, TriageFilter show, int page, int pageSize,
        DateTimeOffset now, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize, 1, 100);
        var number = Math.Max(page, 1);
        var items = query.Query<TriageItem>().Where(i => i.Group == group);
        items = show switch
        {
            TriageFilter.Awaiting => items.Where(i => i.Status == TriageStatus.Awaiting),
            TriageFilter.Triaged => items.Where(i => i.Status != TriageStatus.Awaiting),
            _ => items,
        };
        var total = await items.CountAsync(ct);
        var skip = (long)(number - 1) * size;
        if (skip >= total) return new TriagePage([], number, size, total);
        var rows = await items.OrderBy(i => i.DueAt).ThenBy(i => i.GuidanceNumber).Skip((int)skip).Take(size).ToListAsync(ct);
        return new TriagePage(rows.Select(r => TriageRow.Of(r, now)).ToList(), number, size, total);
    }
}

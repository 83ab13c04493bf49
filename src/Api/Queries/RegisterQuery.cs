using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using Marten;

namespace GuidanceFlow.Api.Queries;

public sealed record RegisterRow(
    Guid Id, string GuidanceId, GuidanceType GuidanceType, string Title, DateOnly PublishedOn, string Group,
    ReviewStatus Status, DateTimeOffset? NextDeadline, int InvitedCount, int RespondedCount, double ShareResponded,
    int MissedResponses, int OverdueCount, Rag Rag, DecisionOutcome? Outcome, long Version);

public sealed record RegisterPage(IReadOnlyList<RegisterRow> Items, int Page, int PageSize, int Total, string Sort);

public sealed record RegisterFilter(ReviewStatus? Status = null, GuidanceType? Type = null, DateOnly? PublishedFrom = null,
    DateOnly? PublishedTo = null, string? Text = null, string? Group = null);

public static class RegisterQuery
{
    public static readonly string[] SortKeys = ["opened", "published", "guidance", "title", "status", "nextDeadline"];

    /// <summary>
    /// One page of the register, sorted and counted on the row's typed columns.
    /// </summary>
    public static async Task<(IReadOnlyList<RegisterRow> Rows, int Total)> RunAsync(IQuerySession query, IReadOnlyList<string> groups,
        RegisterFilter filter, string sortKey, int page, int size, CancellationToken ct)
    {
        var rows = Matching(query, groups, filter);
        var descending = sortKey.StartsWith('-');
        rows = sortKey.TrimStart('-') switch
        {
            "published" => descending ? rows.OrderByDescending(r => r.PublishedOn) : rows.OrderBy(r => r.PublishedOn),
            "guidance" => descending ? rows.OrderByDescending(r => r.GuidanceId) : rows.OrderBy(r => r.GuidanceId),
            "title" => descending ? rows.OrderByDescending(r => r.Title) : rows.OrderBy(r => r.Title),
            "status" => descending ? rows.OrderByDescending(r => r.Status) : rows.OrderBy(r => r.Status),
            "nextDeadline" => descending ? rows.OrderByDescending(r => r.NextDeadline) : rows.OrderBy(r => r.NextDeadline),
            _ => descending ? rows.OrderByDescending(r => r.OpenedAt) : rows.OrderBy(r => r.OpenedAt),
        };
        // The count, then the page's ids, both on the typed columns alone; then only the page's rows are read.
        // (Reading the rows or fields of their JSON in the sorted query unpacks every matching row's document —
        // thousands of them — before the page is cut; counting with a window over the sorted query makes
        // PostgreSQL walk the whole table in sort order.)
        var total = await Matching(query, groups, filter).CountAsync(ct);
        var skip = (long)(page - 1) * size;
        if (skip >= total) return ([], total); // past the end: empty, not a negative offset
        var ids = (await rows.Skip((int)skip).Take(size).Select(r => r.Id).ToListAsync(ct)).ToArray();
        if (ids.Length == 0) return ([], total);
        var found = await query.LoadManyAsync<RegisterEntry>(ct, ids);
        var byId = found.ToDictionary(r => r.Id);
        // A row may have been rebuilt away between the two reads: the page shows what is still there, in order.
        return (ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new RegisterRow(r.Id, r.GuidanceId, r.GuidanceType, r.Title,
            r.PublishedOn, r.Group, r.Status, r.NextDeadline, r.InvitedCount, r.RespondedCount, r.ShareResponded, r.MissedResponses,
            r.OverdueCount, r.Rag, r.Outcome, r.Version)).ToList(), total);
    }

    private static IQueryable<RegisterEntry> Matching(IQuerySession query, IReadOnlyList<string> groups, RegisterFilter filter)
    {
        var mine = groups.ToList();
        var rows = query.Query<RegisterEntry>().Where(r => r.Group.IsOneOf(mine));
        if (filter.Status is { } s) rows = rows.Where(r => r.Status == s);
        if (filter.Type is { } t) rows = rows.Where(r => r.GuidanceType == t);
        if (filter.PublishedFrom is { } pf) rows = rows.Where(r => r.PublishedOn >= pf);
        if (filter.PublishedTo is { } pt) rows = rows.Where(r => r.PublishedOn <= pt);
        if (!string.IsNullOrWhiteSpace(filter.Group)) rows = rows.Where(r => r.Group == filter.Group);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            rows = rows.Where(r => r.GuidanceId.Contains(text, StringComparison.OrdinalIgnoreCase)
                                   || r.Title.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        return rows;
    }
}

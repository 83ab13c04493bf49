using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using Marten;

namespace GuidanceFlow.Api.Queries;

public sealed record RegisterRow(
    Guid Id, string GuidanceId, GuidanceType GuidanceType, string Title, DateOnly PublishedOn, string Group,
    ReviewStatus Status, DateTimeOffset? NextDeadline, int InvitedCount, int RespondedCount, double ShareResponded,
    int MissedResponses, int OverdueCount, Rag Rag, DecisionOutcome? Outcome, long Version, int OverdueActions = 0);

public sealed record RegisterPage(IReadOnlyList<RegisterRow> Items, int Page, int PageSize, int Total, string Sort);

public sealed record RegisterFilter(ReviewStatus? Status = null, GuidanceType? Type = null, DateOnly? PublishedFrom = null,
    DateOnly? PublishedTo = null, string? Text = null, string? Group = null, DecisionOutcome? Outcome = null);

public static class RegisterQuery
{
    public static readonly string[] SortKeys = ["opened", "published", "guidance", "title", "status", "nextDeadline"];

    /// <summary>One page of the register, counted, filtered and sorted on the row's typed columns.</summary>
    public static async Task<(IReadOnlyList<RegisterRow> Rows, int Total)> RunAsync(IQuerySession query, IReadOnlyList<string> groups,
        RegisterFilter filter, string sortKey, int page, int size, CancellationToken ct)
    {
        var mine = groups.ToList();
        var rows = query.Query<RegisterEntry>().Where(r => r.Group.IsOneOf(mine));
        if (filter.Status is { } s) rows = rows.Where(r => r.Status == s);
        if (filter.Type is { } t) rows = rows.Where(r => r.GuidanceType == t);
        if (filter.PublishedFrom is { } pf) rows = rows.Where(r => r.PublishedOn >= pf);
        if (filter.PublishedTo is { } pt) rows = rows.Where(r => r.PublishedOn <= pt);
        if (!string.IsNullOrWhiteSpace(filter.Group)) rows = rows.Where(r => r.Group == filter.Group);
        if (filter.Outcome is { } o) rows = rows.Where(r => r.Outcome == o);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            rows = rows.Where(r => r.GuidanceId.Contains(text, StringComparison.OrdinalIgnoreCase)
                                   || r.Title.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        var total = await rows.CountAsync(ct);
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
        // A page far past the end is empty, not an overflow into a negative offset.
        var skip = (long)(page - 1) * size;
        if (skip >= total) return ([], total);
        // Whole rows, not fields picked from their JSON: PostgreSQL would compute those for every matching row
        // before cutting the page, where whole documents are unpacked only for the page's rows (measured in bench/).
        var entries = await rows.Skip((int)skip).Take(size).ToListAsync(ct);
        return (entries.Select(r => new RegisterRow(r.Id, r.GuidanceId, r.GuidanceType, r.Title, r.PublishedOn, r.Group, r.Status,
            r.NextDeadline, r.InvitedCount, r.RespondedCount, r.ShareResponded, r.MissedResponses, r.OverdueCount, r.Rag, r.Outcome,
            r.Version, r.OverdueActionCount)).ToList(), total);
    }
}

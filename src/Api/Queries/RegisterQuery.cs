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
    /// One page of the register and the number of rows it is cut from, in one statement: the count, the
    /// filters and the sort read only the index on the group, which carries every key (no table rows),
    /// and only the page's rows are read whole. (A window count over the same scan measured slower.)
    /// </summary>
    public static async Task<(IReadOnlyList<RegisterRow> Rows, int Total)> RunAsync(IQuerySession query, IReadOnlyList<string> groups,
        RegisterFilter filter, string sortKey, int page, int size, CancellationToken ct)
    {
        var table = query.DocumentStore.Options.Schema.For<RegisterEntry>();
        var where = new List<string> { "k.\"group\" = any(?)" };
        var parameters = new List<object> { groups.ToArray() };
        void Where(string clause, params object[] values) { where.Add(clause); parameters.AddRange(values); }
        if (filter.Status is { } s) Where("k.status = ?", s.ToString());
        if (filter.Type is { } t) Where("k.guidance_type = ?", t.ToString());
        if (filter.PublishedFrom is { } pf) Where("k.published_on >= ?", pf);
        if (filter.PublishedTo is { } pt) Where("k.published_on <= ?", pt);
        if (!string.IsNullOrWhiteSpace(filter.Group)) Where("k.\"group\" = ?", filter.Group);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            // Anywhere in the guidance id or title, the user's % and _ taken literally (trigram indexes serve it).
            var pattern = "%" + filter.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            Where("(k.guidance_id ilike ? or k.title ilike ?)", pattern, pattern);
        }
        var descending = sortKey.StartsWith('-');
        // Sort keys are columns named here, never text from the request.
        var column = sortKey.TrimStart('-') switch
        {
            "published" => "published_on",
            "guidance" => "guidance_id",
            "title" => "title",
            "status" => "status",
            "nextDeadline" => "next_deadline",
            _ => "opened_at",
        };
        var direction = descending ? " desc" : "";
        var filtered = string.Join(" and ", where);
        // A page far past the end is empty, not an overflow into a negative offset.
        var skip = (long)(page - 1) * size;
        var rows = await query.AdvancedSql.QueryAsync<RegisterEntry, long>(
            $"""
            select row(d.data), row((select count(*) from {table} k where {filtered}))
            from {table} d
            join (select k.id, k.{column} from {table} k
                  where {filtered} order by k.{column}{direction}, k.id limit ? offset ?) p on p.id = d.id
            order by p.{column}{direction}, p.id
            """, ct, [.. parameters, .. parameters, size, skip]);
        if (rows.Count == 0)
        {
            var counted = await query.AdvancedSql.QueryAsync<long>($"select count(*) from {table} k where {filtered}", ct, [.. parameters]);
            return ([], (int)counted[0]);
        }
        return (rows.Select(x => Row(x.Item1)).ToList(), (int)rows[0].Item2);
    }

    private static RegisterRow Row(RegisterEntry r) => new(r.Id, r.GuidanceId, r.GuidanceType, r.Title, r.PublishedOn, r.Group, r.Status,
        r.NextDeadline, r.InvitedCount, r.RespondedCount, r.ShareResponded, r.MissedResponses, r.OverdueCount, r.Rag, r.Outcome,
        r.Version);
}

using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Library;
using Npgsql;
using NpgsqlTypes;

namespace GuidanceFlow.Api.Queries;

public enum LibrarySort { Relevance, Newest }

/// <summary>What a search asks: the words (as people type them: phrases in quotes, -exclusions, or), the facets chosen, the order and page.</summary>
public sealed record LibraryQuery(
    string? Q = null, string? Guidance = null, string? Type = null, Sector? Sector = null, NhsRegion? Region = null,
    DecisionOutcome? Outcome = null, CostBand? CostBand = null, int? Year = null, LibraryEntryKind? Kind = null,
    LibrarySort Sort = LibrarySort.Relevance, int Page = 1, int PageSize = 20)
{
    public const int MaxQueryLength = 200;
    public const int MaxPageSize = 50;
    public bool HasWords => !string.IsNullOrWhiteSpace(Q);
}

/// <summary>A run of an entry's text, marked where it matched the words searched for.</summary>
public sealed record SnippetPart(string Text, bool Match);

public sealed record LibraryHit(
    Guid Id, LibraryEntryKind Kind, string Title, string Summary, IReadOnlyList<SnippetPart> Snippet, IReadOnlyList<string> Guidance,
    IReadOnlyList<Sector> Sectors, NhsRegion? Region, DecisionOutcome? Outcome, CostBand CostBand, int Year, DateTimeOffset PublishedAt,
    string? Organisation, string? Group);

/// <summary>One value of a facet and how many of the entries found have it.</summary>
public sealed record FacetCount(string Value, int Count);

public sealed record LibraryFacets(
    IReadOnlyList<FacetCount> Guidance, IReadOnlyList<FacetCount> Type, IReadOnlyList<FacetCount> Sector, IReadOnlyList<FacetCount> Region,
    IReadOnlyList<FacetCount> Outcome, IReadOnlyList<FacetCount> CostBand, IReadOnlyList<FacetCount> Year, IReadOnlyList<FacetCount> Kind);

/// <summary>
/// A page of results. <c>Total</c> counts the matches, and the facets count them, up to <see cref="LibrarySearch.Cap"/>; when more
/// match, <c>More</c> is true and the ranking, the counts and the pages cover the newest <see cref="LibrarySearch.Cap"/> of them.
/// </summary>
public sealed record LibraryResults(IReadOnlyList<LibraryHit> Items, int Total, int Page, int PageSize, LibraryFacets Facets, bool More);

/// <summary>
/// Full-text search over the published library (PostgreSQL: websearch_to_tsquery with English stemming against the
/// weighted vector, ranked by ts_rank — cheaper than ts_rank_cd, which put a narrow search past its bound in bench/ — snippets by
/// ts_headline), with counts per facet of the matches.
/// For the API and the pages alike.
/// </summary>
public sealed class LibrarySearch(NpgsqlDataSource database)
{
    private const string Schema = "guidanceflow";
    private static readonly string Table = $"{Schema}.{LibrarySearchIndex.Table}";

    /// <summary>
    /// How many of the newest matching entries a search ranks and counts. Beyond it the answer says there are more
    /// (<see cref="LibraryResults.More"/>) rather than counting them: what a search reads stays bounded however large the
    /// library grows (bench/: p99 at 100,000 entries).
    /// </summary>
    public const int Cap = 1000;

    /// <summary>How far into an entry's text a snippet looks for the words: ts_headline's work grows with the text it reads.</summary>
    public const int SnippetReach = 4000;

    public async Task<LibraryResults> SearchAsync(LibraryQuery q, CancellationToken ct)
    {
        var size = Math.Clamp(q.PageSize, 1, LibraryQuery.MaxPageSize);
        var page = Math.Max(q.Page, 1);
        var (where, parameters) = Filter(q);
        // The words are written into each clause rather than read from a CTE, so the planner sees them and chooses: for a
        // common word, the newest entries walked back until enough match; for a rare one or a phrase, the GIN index.
        var tsq = TsQuery(q);
        var order = q.HasWords && q.Sort == LibrarySort.Relevance ? "rank desc, published_at desc, entry_id" : "published_at desc, entry_id";
        var headline = q.HasWords
            // Angle brackets stand in as private-use characters while ts_headline works: its parser would take a typed
            // "<b>" for a tag and drop it, and a snippet shows what the author typed. Snippet() puts them back.
            ? $"ts_headline('english', translate(left(s.summary || E'\\n' || s.body || s.updates, {SnippetReach}), '<>', '{Lt}{Gt}'), {tsq}, 'StartSel={LibrarySearchIndex.MatchStart}, " +
              $"StopSel={LibrarySearchIndex.MatchEnd}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"')"
            : "left(s.summary, 300)";
        static string Counts(string facet, string from, string value) =>
            $"'{facet}', coalesce((select jsonb_object_agg(v, n) from (select {value} as v, count(*) as n from {from} group by 1) x where v is not null), '{{}}'::jsonb)";

        // One statement: the newest matches (one more than the cap, to know whether there are more) with their rank, read
        // as the index is walked; every facet's counts over them; the page's rows only then read whole, with their snippets.
        await using var command = database.CreateCommand(
            $"with found as materialized (select s.entry_id, s.published_at, s.kind, s.guidance, s.guidance_types, s.sectors, s.region, s.outcome, " +
            $"s.cost_band, s.year, {(q.HasWords ? $"ts_rank(s.search, {tsq}, 1)" : "0::real")} as rank from {Table} s where {where} " +
            $"order by s.published_at desc, s.entry_id limit {Cap + 1}), " +
            $"counted as (select * from found order by published_at desc, entry_id limit {Cap}), " +
            "facets as (select jsonb_build_object('total', (select count(*) from found), " +
            string.Join(", ", Counts("guidance", "counted, unnest(guidance) g", "g"), Counts("type", "counted, unnest(guidance_types) t", "t"),
                Counts("sector", "counted, unnest(sectors) c", "c"), Counts("region", "counted", "region"), Counts("outcome", "counted", "outcome"),
                Counts("costBand", "counted", "cost_band"), Counts("year", "counted", "year::text"), Counts("kind", "counted", "kind")) + ") as json), " +
            $"page as (select entry_id, published_at, rank from counted order by {order} limit {size} offset {Math.Min((long)(page - 1) * size, Cap)}) " +
            $"select f.json::text, s.entry_id, s.kind, s.title, s.summary, {headline}, s.guidance, s.sectors, s.region, s.outcome, s.cost_band, s.year, " +
            $"s.published_at, s.organisation, s.group_name from facets f left join (page p join {Table} s using (entry_id)) on true " +
            $"order by {string.Join(", ", order.Split(", ").Select(o => "p." + o))}");
        foreach (var p in parameters) command.Parameters.Add(p);

        await using var reader = await command.ExecuteReaderAsync(ct);
        var hits = new List<LibraryHit>();
        string facetJson = "{}";
        while (await reader.ReadAsync(ct))
        {
            facetJson = reader.GetString(0);
            if (!reader.IsDBNull(1)) hits.Add(Hit(reader, 1));
        }
        using var json = System.Text.Json.JsonDocument.Parse(facetJson);
        var root = json.RootElement;
        var found = root.GetProperty("total").GetInt32();
        IReadOnlyList<FacetCount> Of(string facet, bool byValue = false)
        {
            var list = root.GetProperty(facet).EnumerateObject().Select(v => new FacetCount(v.Name, v.Value.GetInt32())).ToList();
            return byValue ? list.OrderByDescending(f => f.Value, StringComparer.Ordinal).ToList()
                : list.OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
        }
        return new LibraryResults(hits, Math.Min(found, Cap), page, size,
            new LibraryFacets(Of("guidance").Take(30).ToList(), Of("type"), Of("sector"), Of("region"), Of("outcome"), Of("costBand"),
                Of("year", byValue: true), Of("kind")), found > Cap);
    }

    private static string TsQuery(LibraryQuery q) => q.HasWords ? "websearch_to_tsquery('english', $1)" : "null::tsquery";

    /// <summary>The filters as SQL over parameters ($1 is always the words, so both statements share one list).</summary>
    private static (string Where, List<NpgsqlParameter> Parameters) Filter(LibraryQuery q)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = q.Q?.Trim() ?? "", NpgsqlDbType = NpgsqlDbType.Text } };
        var where = new List<string> { q.HasWords ? $"s.search @@ {TsQuery(q)}" : "true" };
        void Add(string clause, object value, NpgsqlDbType type)
        {
            parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            where.Add(clause.Replace("{p}", $"${parameters.Count}"));
        }
        if (q.Guidance is { Length: > 0 } g)
            Add("s.guidance @> array[{p}]::text[]", GuidanceFlow.Domain.Catalogue.GuidanceProduct.Normalise(g), NpgsqlDbType.Text);
        if (q.Type is { Length: > 0 } t) Add("s.guidance_types @> array[{p}]::text[]", t.Trim().ToUpperInvariant(), NpgsqlDbType.Text);
        if (q.Sector is { } sector) Add("s.sectors @> array[{p}]::text[]", sector.ToString(), NpgsqlDbType.Text);
        if (q.Region is { } region) Add("s.region = {p}", region.ToString(), NpgsqlDbType.Text);
        if (q.Outcome is { } outcome) Add("s.outcome = {p}", outcome.ToString(), NpgsqlDbType.Text);
        if (q.CostBand is { } band) Add("s.cost_band = {p}", band.ToString(), NpgsqlDbType.Text);
        if (q.Year is { } year) Add("s.year = {p}", year, NpgsqlDbType.Integer);
        if (q.Kind is { } kind) Add("s.kind = {p}", kind.ToString(), NpgsqlDbType.Text);
        return (string.Join(" and ", where), parameters);
    }

    private const char Lt = '\uE002', Gt = '\uE003';

    /// <summary>ts_headline's marked text as runs, so nothing an author wrote is ever taken for markup.</summary>
    public static IReadOnlyList<SnippetPart> Snippet(string marked)
    {
        marked = marked.Replace(Lt, '<').Replace(Gt, '>');
        var parts = new List<SnippetPart>();
        var match = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] != LibrarySearchIndex.MatchStart && marked[i] != LibrarySearchIndex.MatchEnd) continue;
            if (i > start) parts.Add(new SnippetPart(marked[start..i], match));
            if (i < marked.Length) match = marked[i] == LibrarySearchIndex.MatchStart;
            start = i + 1;
        }
        return parts;
    }

    /// <summary>Published case studies of one guidance (newest first), for a review's "Other groups and this guidance".</summary>
    public async Task<IReadOnlyList<LibraryHit>> CaseStudiesOfAsync(string guidanceNumber, int limit, CancellationToken ct) =>
        (await SearchAsync(new LibraryQuery(Guidance: guidanceNumber, Kind: LibraryEntryKind.CaseStudy, Sort: LibrarySort.Newest, PageSize: limit), ct)).Items;

    /// <summary>The library's front page: the latest published, and the most read.</summary>
    public async Task<(IReadOnlyList<LibraryHit> Latest, IReadOnlyList<LibraryHit> MostRead)> HighlightsAsync(int limit, CancellationToken ct)
    {
        var latest = (await SearchAsync(new LibraryQuery(Sort: LibrarySort.Newest, PageSize: limit), ct)).Items;
        await using var command = database.CreateCommand(
            $"select r.entry_id from {Schema}.{LibrarySearchIndex.Reads} r join {Table} s on s.entry_id = r.entry_id order by r.reads desc, r.entry_id limit $1");
        command.Parameters.AddWithValue(limit);
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        var mostRead = ids.Count == 0 ? [] : await ByIdsAsync(ids, ct);
        return (latest, mostRead);
    }

    private async Task<IReadOnlyList<LibraryHit>> ByIdsAsync(List<Guid> ids, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select entry_id, kind, title, summary, left(summary, 300), guidance, sectors, region, outcome, cost_band, year, published_at, organisation, group_name " +
            $"from {Table} where entry_id = any($1)");
        command.Parameters.AddWithValue(ids.ToArray());
        var hits = new Dictionary<Guid, LibraryHit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var hit = Hit(reader);
            hits[hit.Id] = hit;
        }
        return ids.Where(hits.ContainsKey).Select(id => hits[id]).ToList();
    }

    /// <summary>A row of the index as a hit: the columns every query here selects, in this order.</summary>
    private static LibraryHit Hit(NpgsqlDataReader r, int o = 0) => new(
        r.GetGuid(o), Enum.Parse<LibraryEntryKind>(r.GetString(o + 1)), r.GetString(o + 2), r.GetString(o + 3), Snippet(r.GetString(o + 4)),
        r.GetFieldValue<string[]>(o + 5), r.GetFieldValue<string[]>(o + 6).Select(Enum.Parse<Sector>).ToList(),
        r.IsDBNull(o + 7) ? null : Enum.Parse<NhsRegion>(r.GetString(o + 7)), r.IsDBNull(o + 8) ? null : Enum.Parse<DecisionOutcome>(r.GetString(o + 8)),
        Enum.Parse<CostBand>(r.GetString(o + 9)), r.GetInt32(o + 10), r.GetFieldValue<DateTimeOffset>(o + 11), r.IsDBNull(o + 12) ? null : r.GetString(o + 12),
        r.IsDBNull(o + 13) ? null : r.GetString(o + 13));

    /// <summary>One more read of an entry's page (for "most read").</summary>
    public async Task CountReadAsync(Guid entryId, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"insert into {Schema}.{LibrarySearchIndex.Reads} (entry_id, reads) values ($1, 1) on conflict (entry_id) do update set reads = {Schema}.{LibrarySearchIndex.Reads}.reads + 1");
        command.Parameters.AddWithValue(entryId);
        await command.ExecuteNonQueryAsync(ct);
    }
}

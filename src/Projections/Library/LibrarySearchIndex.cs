using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace GuidanceFlow.Projections.Library;

/// <summary>
/// The library's search index: one row per published entry, with a weighted full-text vector (title above summary above
/// the body and its updates; English stemming) and the facets people filter and count by. Built inline from the library's
/// events alone — a published entry's event carries what was published — so a rebuild from the events gives the same rows.
/// </summary>
public sealed class LibrarySearchIndex(string schema) : IProjection
{
    public const string Table = "library_search";
    public const string Reads = "library_reads";

    /// <summary>Characters ts_headline marks a match with: the private-use plane, taken out of every indexed text first.</summary>
    public const char MatchStart = '\uE000', MatchEnd = '\uE001';

    public static string Vector(string prefix = "") =>
        $"setweight(to_tsvector('english', {prefix}title), 'A') || setweight(to_tsvector('english', {prefix}summary), 'B') " +
        $"|| setweight(to_tsvector('english', {prefix}body), 'C') || setweight(to_tsvector('english', {prefix}updates), 'D')";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case LibraryEntryPublished p:
                    var c = p.Content;
                    var guidance = c.Guidance.Select(GuidanceFlow.Domain.Catalogue.GuidanceProduct.Normalise).Distinct().ToArray();
                    operations.QueueSqlCommand(
                        $"insert into {schema}.{Table} (entry_id, kind, title, summary, body, updates, guidance, guidance_types, sectors, region, outcome, " +
                        "cost_band, year, published_at, group_name, organisation) values (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) " +
                        "on conflict (entry_id) do update set kind = excluded.kind, title = excluded.title, summary = excluded.summary, body = excluded.body, " +
                        "guidance = excluded.guidance, guidance_types = excluded.guidance_types, sectors = excluded.sectors, region = excluded.region, " +
                        "outcome = excluded.outcome, cost_band = excluded.cost_band, year = excluded.year, published_at = excluded.published_at, " +
                        "group_name = excluded.group_name, organisation = excluded.organisation",
                        p.EntryId, p.Kind.ToString(), Clean(c.Title), Clean(c.Summary), Clean(Body(c)), guidance,
                        guidance.Select(GuidanceFlow.Domain.Catalogue.GuidanceProduct.ProgrammeOf).Distinct().ToArray(),
                        c.Sectors.Distinct().Select(s => s.ToString()).ToArray(), Nullable(c.Region?.ToString()), Nullable(p.Outcome?.ToString()),
                        c.CostBand.ToString(), UkTime.ToUk(p.PublishedAt).Year, p.PublishedAt, Nullable(p.Group), Nullable(c.Organisation));
                    operations.QueueSqlCommand($"update {schema}.{Table} set search = {Vector()} where entry_id = ?", p.EntryId);
                    break;
                case CaseStudyUpdateAdded u:
                    operations.QueueSqlCommand(
                        $"update {schema}.{Table} set updates = updates || ? where entry_id = ?", "\n" + Clean(u.Text), u.EntryId);
                    operations.QueueSqlCommand($"update {schema}.{Table} set search = {Vector()} where entry_id = ?", u.EntryId);
                    break;
                case LibraryEntryWithdrawn w:
                    operations.QueueSqlCommand($"delete from {schema}.{Table} where entry_id = ?", w.EntryId);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>An entry's body as searched and highlighted: its sections, each heading then its text.</summary>
    public static string Body(LibraryContent content) =>
        string.Join("\n\n", content.Sections.Select(s => $"{s.Heading}\n{s.Text}"));

    private static string Clean(string? text) => (text ?? "").Replace(MatchStart, ' ').Replace(MatchEnd, ' ');

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    public static IEnumerable<Table> Schema(string schema)
    {
        var search = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Table));
        search.AddColumn("entry_id", "uuid").AsPrimaryKey();
        search.AddColumn<string>("kind").NotNull();
        search.AddColumn<string>("title").NotNull();
        search.AddColumn<string>("summary").NotNull();
        search.AddColumn<string>("body").NotNull();
        search.AddColumn<string>("updates").NotNull();
        search.AddColumn("guidance", "text[]").NotNull();
        search.AddColumn("guidance_types", "text[]").NotNull();
        search.AddColumn("sectors", "text[]").NotNull();
        search.AddColumn<string>("region");
        search.AddColumn<string>("outcome");
        search.AddColumn<string>("cost_band").NotNull();
        search.AddColumn<int>("year").NotNull();
        search.AddColumn("published_at", "timestamptz").NotNull();
        search.AddColumn<string>("group_name");
        search.AddColumn<string>("organisation");
        search.AddColumn("search", "tsvector");
        // Words found by the inverted index; an entry's guidance by containment; the latest by date.
        search.Indexes.Add(new IndexDefinition($"{Table}_search") { Method = IndexMethod.gin }.AgainstColumns("search"));
        search.Indexes.Add(new IndexDefinition($"{Table}_guidance") { Method = IndexMethod.gin }.AgainstColumns("guidance"));
        search.Indexes.Add(new IndexDefinition($"{Table}_published").AgainstColumns("published_at"));
        // Each facet a search can filter by has an index, so a narrow combination (a word, a sector and a region) is found by
        // combining indexes rather than by walking the newest entries until enough match.
        search.Indexes.Add(new IndexDefinition($"{Table}_types") { Method = IndexMethod.gin }.AgainstColumns("guidance_types"));
        search.Indexes.Add(new IndexDefinition($"{Table}_sectors") { Method = IndexMethod.gin }.AgainstColumns("sectors"));
        foreach (var column in new[] { "region", "outcome", "cost_band", "year", "kind" })
            search.Indexes.Add(new IndexDefinition($"{Table}_{column}").AgainstColumns(column));

        // How often each entry's page is read: "most viewed", kept apart so a read never rewrites the indexed row.
        var reads = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Reads));
        reads.AddColumn("entry_id", "uuid").AsPrimaryKey();
        reads.AddColumn<long>("reads").NotNull();
        reads.Indexes.Add(new IndexDefinition($"{Reads}_most").AgainstColumns("reads"));
        return [search, reads];
    }
}

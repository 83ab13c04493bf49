using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace GuidanceFlow.Projections.Benchmarking;

/// <summary>
/// Benchmarking's read side, built by the async daemon from review and triage events:
/// <list type="bullet">
/// <item>each review's and each triage's facts (<see cref="ReviewBenchmark"/>, <see cref="TriageBenchmark"/>), stored as documents;</item>
/// <item>what each adds to its group per quarter (<c>benchmark_contribution</c>, rewritten only when it changes);</item>
/// <item>each group's sums per quarter (<c>benchmark_rollup</c>), worked out again from the contributions for the groups a batch
/// touched — what every comparison reads, so a request reads groups × quarters, never the reviews of the country.</item>
/// </list>
/// Every stream starts with the event that creates its facts, so replaying from the start puts every row back as it was.
/// Batches are applied one after another by the daemon, so the facts loaded are the previous batch's.
/// </summary>
public sealed class BenchmarkProjection(string schema) : IProjection
{
    public const string Contributions = "benchmark_contribution";
    public const string Rollups = "benchmark_rollup";

    /// <summary>The sums kept per group and quarter, in the order of <see cref="BenchmarkTally"/>.</summary>
    public static readonly string[] Columns =
    [
        "triaged", "triage_days", "closed", "closed_days", "decided", "decided_days", "implement", "local_variation", "not_implemented", "deferred",
        "ta_decided", "ta_in_time", "costed", "cost", "met", "partially_met", "not_met", "not_applicable",
    ];

    public static object[] Values(BenchmarkTally t) =>
    [
        t.Triaged, t.TriageDays, t.Closed, t.ClosedDays, t.Decided, t.DecidedDays, t.Implement, t.LocalVariation, t.NotImplemented, t.Deferred,
        t.TaDecided, t.TaInTime, t.Costed, t.Cost, t.Met, t.PartiallyMet, t.NotMet, t.NotApplicable,
    ];

    public static BenchmarkTally Read(System.Data.Common.DbDataReader r, int first) => new(
        r.GetInt32(first), r.GetInt32(first + 1), r.GetInt32(first + 2), r.GetInt32(first + 3), r.GetInt32(first + 4), r.GetInt32(first + 5),
        r.GetInt32(first + 6), r.GetInt32(first + 7), r.GetInt32(first + 8), r.GetInt32(first + 9), r.GetInt32(first + 10), r.GetInt32(first + 11),
        r.GetInt32(first + 12), r.GetDecimal(first + 13), r.GetInt32(first + 14), r.GetInt32(first + 15), r.GetInt32(first + 16), r.GetInt32(first + 17));

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var reviewEvents = events.Where(e => e.Data is IReviewEvent).GroupBy(e => e.StreamId).ToList();
        var triageEvents = events.Where(e => e.Data is ITriageEvent).GroupBy(e => e.StreamId).ToList();
        if (reviewEvents.Count == 0 && triageEvents.Count == 0) return;
        var touched = new HashSet<string>();

        if (reviewEvents.Count > 0)
        {
            var before = (await operations.LoadManyAsync<ReviewBenchmark>(ct, reviewEvents.Select(g => g.Key).ToArray())).ToDictionary(r => r.Id);
            foreach (var stream in reviewEvents)
            {
                // A stream replayed from its start (a rebuild) starts afresh, whatever was stored before.
                var old = stream.Any(e => e.Data is GuidanceReviewOpened) ? null : before.GetValueOrDefault(stream.Key);
                var now = stream.Aggregate(old, (state, e) => ReviewBenchmark.Evolve(state, (IReviewEvent)e.Data));
                if (now is null) continue;
                operations.Store(now);
                Contribute(operations, now.Id, now.Group, old is null ? null : BenchmarkTally.Of(old), BenchmarkTally.Of(now), touched);
            }
        }
        if (triageEvents.Count > 0)
        {
            var before = (await operations.LoadManyAsync<TriageBenchmark>(ct, triageEvents.Select(g => g.Key).ToArray())).ToDictionary(t => t.Id);
            foreach (var stream in triageEvents)
            {
                var old = stream.Any(e => e.Data is GuidanceQueuedForTriage) ? null : before.GetValueOrDefault(stream.Key);
                var now = stream.Aggregate(old, (state, e) => TriageBenchmark.Evolve(state, e.Data));
                if (now is null) continue;
                operations.Store(now);
                Contribute(operations, now.Id, now.Group, old is null ? null : BenchmarkTally.Of(old), BenchmarkTally.Of(now), touched);
            }
        }
        if (touched.Count == 0) return;

        // The touched groups' sums, worked out again from their contributions: idempotent, so a replay cannot count twice.
        var groups = touched.ToArray();
        operations.QueueSqlCommand($"delete from {schema}.{Rollups} where group_name = any(?)", (object)groups);
        operations.QueueSqlCommand(
            $"insert into {schema}.{Rollups} (group_name, quarter, {string.Join(", ", Columns)}) " +
            $"select group_name, quarter, {string.Join(", ", Columns.Select(c => $"sum({c})"))} from {schema}.{Contributions} " +
            "where group_name = any(?) group by group_name, quarter", (object)groups);
    }

    private void Contribute(IDocumentOperations operations, Guid source, string group, IReadOnlyDictionary<FinancialQuarter, BenchmarkTally>? old,
        IReadOnlyDictionary<FinancialQuarter, BenchmarkTally> now, HashSet<string> touched)
    {
        // Most events (an answer, an invitation) change no sum: nothing to write.
        if (old is not null && old.Count == now.Count && old.All(kv => now.TryGetValue(kv.Key, out var t) && t == kv.Value)) return;
        touched.Add(group);
        operations.QueueSqlCommand($"delete from {schema}.{Contributions} where source_id = ?", source);
        foreach (var (quarter, tally) in now)
            operations.QueueSqlCommand(
                $"insert into {schema}.{Contributions} (source_id, quarter, group_name, {string.Join(", ", Columns)}) " +
                $"values (?, ?, ?, {string.Join(", ", Columns.Select(_ => "?"))})",
                [source, quarter.Key, group, .. Values(tally)]);
    }

    public static IEnumerable<Table> Schema(string schema)
    {
        Table Sums(string name, params (string Column, string Type)[] keys)
        {
            var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, name));
            foreach (var (column, type) in keys) table.AddColumn(column, type).AsPrimaryKey();
            foreach (var column in Columns) table.AddColumn(column, column == "cost" ? "numeric" : "integer").NotNull().DefaultValueByExpression("0");
            return table;
        }
        var contributions = Sums(Contributions, ("source_id", "uuid"), ("quarter", "integer"));
        contributions.AddColumn<string>("group_name").NotNull();
        // The sums of the groups a batch touched are worked out again from their rows.
        contributions.Indexes.Add(new IndexDefinition($"{Contributions}_group").AgainstColumns("group_name"));
        var rollups = Sums(Rollups, ("group_name", "text"), ("quarter", "integer"));
        // Comparisons read every group's sums over the quarters they show.
        rollups.Indexes.Add(new IndexDefinition($"{Rollups}_quarter").AgainstColumns("quarter"));
        return [contributions, rollups];
    }
}

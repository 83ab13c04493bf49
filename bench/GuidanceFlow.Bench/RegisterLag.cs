using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace GuidanceFlow.Bench;

/// <summary>The register (an async projection) measured: how far behind the writes it runs, and its read at national size.</summary>
public static class RegisterLag
{
    /// <summary>
    /// Writes started on a fixed schedule; a watcher reads the register rows of the reviews written every
    /// 20 ms, and each write's lag is from its acknowledgement to the first read that shows its version.
    /// </summary>
    public static async Task<List<double>> MeasureAsync(string connectionString, IReadOnlyList<Guid> reviews, int perSecond, int seconds,
        Func<int, Task<long>> write)
    {
        var clock = Stopwatch.StartNew();
        var pending = new ConcurrentDictionary<(Guid Review, long Version), double>();
        var lags = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand(
                "select id, (data ->> 'Version')::bigint from guidanceflow.mt_doc_registerentry where id = any($1)", connection);
            read.Parameters.Add(new NpgsqlParameter { Value = reviews.ToArray() });
            while (!stop.IsCancellationRequested || !pending.IsEmpty)
            {
                var seen = new Dictionary<Guid, long>();
                await using (var reader = await read.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) seen[reader.GetGuid(0)] = reader.GetInt64(1);
                var now = clock.Elapsed.TotalMilliseconds;
                foreach (var ((review, version), acknowledged) in pending)
                    if (seen.TryGetValue(review, out var shown) && shown >= version && pending.TryRemove((review, version), out _))
                        lags.Add(Math.Max(0, now - acknowledged));
                if (stop.IsCancellationRequested && clock.Elapsed > TimeSpan.FromSeconds(seconds + 60)) break; // a view that never caught up
                await Task.Delay(20);
            }
        });

        var interval = 1000.0 / perSecond;
        var writes = new List<Task>();
        for (var i = 0; i < perSecond * seconds; i++)
        {
            var wait = i * interval - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            var n = i;
            writes.Add(Task.Run(async () =>
            {
                var version = await write(n);
                pending[(reviews[n % reviews.Count], version)] = clock.Elapsed.TotalMilliseconds;
            }));
        }
        await Task.WhenAll(writes);
        stop.Cancel();
        await watcher;
        // A write the register never showed counts as an infinite lag.
        return [.. lags, .. pending.Select(_ => double.PositiveInfinity)];
    }

    /// <summary>Until every async projection has caught up with the last committed event (or three minutes pass).</summary>
    /// <returns>How long it took, or null when the views were still behind after three minutes.</returns>
    public static async Task<TimeSpan?> ProjectionsCaughtUpAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var behind = new NpgsqlCommand(
            "select (select coalesce(max(seq_id), 0) from guidanceflow.mt_events) - " +
            "(select coalesce(min(last_seq_id), 0) from guidanceflow.mt_event_progression where name not like 'HighWater%')", connection);
        // The daemon's own marks (HighWaterMark, HighWaterAllocationFence, HighWaterStuckGap) are not views.
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(100))
            if (Convert.ToInt64(await behind.ExecuteScalarAsync()) <= 0) return waited.Elapsed;
        return null;
    }

    /// <summary>
    /// Copies the register rows and groups the app wrote into a national-size register: <paramref name="reviews"/>
    /// rows spread over <paramref name="groups"/> groups, <paramref name="chairsGroups"/> of them copies of the
    /// demo group (so its members belong to them too).
    /// </summary>
    public static async Task SeedNationalRegisterAsync(string connectionString, string demoGroup, int reviews, int groups, int chairsGroups)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var sql = $"""
            insert into guidanceflow.mt_doc_implementationgroup
            select (jsonb_populate_record(null::guidanceflow.mt_doc_implementationgroup, to_jsonb(g)
                || jsonb_build_object('id', 'Bench group ' || n, 'data', g.data || jsonb_build_object('Id', 'Bench group ' || n)))).*
            from guidanceflow.mt_doc_implementationgroup g, generate_series(1, {chairsGroups}) n
            where g.id = $1
            """;
        // Columns written out rather than populated from JSON: jsonb_populate_record took about 2 ms a row here.
        var rows = $"""
            insert into guidanceflow.mt_doc_registerentry (id, data, mt_last_modified, mt_dotnet_type, mt_version,
                "group", opened_at, published_on, next_deadline, status, guidance_type, guidance_id, title)
            select c.id, r.data || jsonb_build_object('Id', c.id, 'Group', v.grp, 'GuidanceId', v.guidance_id, 'Title', v.title,
                    'Status', v.status, 'OpenedAt', to_jsonb(v.opened_at), 'PublishedOn', to_char(v.published_on, 'YYYY-MM-DD')),
                r.mt_last_modified, r.mt_dotnet_type, r.mt_version,
                v.grp, v.opened_at, v.published_on, r.next_deadline, v.status, r.guidance_type, v.guidance_id, v.title
            from (select * from guidanceflow.mt_doc_registerentry where data ->> 'Group' = $1 limit 1) r,
                 lateral (select gen_random_uuid() as id, n from generate_series(1, {reviews}) n) c,
                 -- the row's keys, kept both in its JSON and in the columns the register sorts and filters on
                 lateral (select
                    'Bench group ' || (c.n % {groups} + 1) as grp,
                    (array['NG','TA','QS','CG'])[c.n % 4 + 1] || (c.n % 997) as guidance_id,
                    'Copied review ' || c.n || ' on ' || (array['asthma','diabetes','sepsis','frailty','stroke'])[c.n % 5 + 1] as title,
                    (array['Opened','GridReady','AwaitingResponses','Collated','FinanciallyAssessed','Decided','Closed'])[c.n % 7 + 1] as status,
                    now() - make_interval(mins => c.n) as opened_at,
                    date '2015-01-01' + c.n % 3650 as published_on) v
            """;
        foreach (var text in new[] { sql, rows })
        {
            await using var seed = new NpgsqlCommand(text, connection) { CommandTimeout = 600 };
            seed.Parameters.Add(new NpgsqlParameter { Value = demoGroup });
            await seed.ExecuteNonQueryAsync();
        }
        // A national register has long been vacuumed: measure it in that steady state, not mid-autovacuum.
        foreach (var table in new[] { "mt_doc_registerentry", "mt_doc_implementationgroup" })
        {
            await using var vacuum = new NpgsqlCommand($"vacuum analyze guidanceflow.{table}", connection) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync();
        }
    }
}

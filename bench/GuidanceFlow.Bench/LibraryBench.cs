using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GuidanceFlow.Projections.Library;
using Npgsql;
using NpgsqlTypes;

namespace GuidanceFlow.Bench;

/// <summary>
/// The library's search at national size: <c>count</c> published entries of generated text (a vocabulary with a few words
/// in most entries and many in few, as real writing has), then searches of every kind over HTTP — common and rare words,
/// a phrase, an exclusion, facets, newest first, a deep page — each timed from request to answer. Compared in the same run
/// with PostgreSQL alone answering the bare ranked query (no facets, no snippets, no HTTP).
/// </summary>
public static class LibraryBench
{
    /// <summary>
    /// Words and terms of service-delivery writing; the first few appear in most entries, as "patients" and "service" do.
    /// A term of several words ("heart failure") is written whole, as people write it.
    /// </summary>
    private static readonly string[] Words =
    [
        "patients", "service", "care", "team", "clinic", "staff", "review", "nurse", "practice", "pathway", "community", "hospital",
        "referral", "audit", "training", "assessment", "waiting", "times", "outcomes", "support", "primary", "secondary", "specialist",
        "virtual ward", "home", "visits", "oximetry", "inhaler technique", "diabetes", "foot checks", "heart failure",
        "stroke", "falls prevention", "frailty", "dementia", "memory", "spirometry", "asthma", "copd", "smoking cessation", "weight",
        "management", "mental health", "crisis", "discharge planning", "pharmacy", "medicines", "reconciliation", "antibiotic stewardship", "sepsis", "screening", "cancer", "diagnosis", "faster", "triage", "telephone", "video", "consultation", "digital",
        "records", "shared decision making", "carers", "families", "young", "people", "children", "maternity", "postnatal", "depression",
        "anxiety", "talking", "therapies", "physiotherapy", "rehabilitation", "hip fracture", "orthogeriatric", "delirium", "nutrition",
        "hydration", "pressure", "ulcers", "wound", "care", "continence", "catheter", "infection", "control", "vaccination", "uptake",
        "housebound", "frail", "elderly", "learning disability", "autism", "annual", "health", "checks", "hypertension", "blood pressure", "monitoring", "anticoagulation", "atrial fibrillation", "kidney", "disease", "dialysis", "transplant", "obesity",
        "bariatric", "surgery", "pain", "opioid", "tapering", "sleep apnoea", "eczema", "psoriasis", "glaucoma", "cataract", "hearing",
    ];

    private static readonly string[] Sectors = Enum.GetNames<GuidanceFlow.Domain.Reviews.Sector>();
    private static readonly string[] Regions = Enum.GetNames<GuidanceFlow.Domain.Library.NhsRegion>();
    private static readonly string[] Bands = Enum.GetNames<GuidanceFlow.Domain.Library.CostBand>();
    private static readonly string[] Outcomes = Enum.GetNames<GuidanceFlow.Domain.Reviews.DecisionOutcome>();

    /// <summary>The mix searched: (label, query string), each timed many times.</summary>
    private static readonly (string Label, string Query)[] Searches =
    [
        ("a word in most entries", "q=patients"),
        ("a word in few entries", "q=glaucoma"),
        ("two words", "q=virtual+ward"),
        ("a phrase", "q=%22heart+failure%22"),
        ("words with an exclusion", "q=falls+-hip"),
        ("a word and two facets", "q=diabetes&sector=Primary&region=London"),
        ("a facet alone (no words)", "guidance=NG1042"),
        ("browsing, newest first", "sort=Newest"),
        ("a word, page 50", "q=care&page=50"),
    ];

    public static async Task<List<Row>> RunAsync(string apiDll, string connectionString, int count, int samples, Action<string> say)
    {
        await using var app = await AppUnderTest.StartGuidanceFlowAsync(apiDll, connectionString);
        say($"library: {count:N0} generated entries copied into the search index");
        var seeding = Stopwatch.StartNew();
        await SeedAsync(connectionString, count);
        seeding.Stop();
        say($"library: seeded in {seeding.Elapsed.TotalSeconds:0} s; {Searches.Length} kinds of search, {samples} times each over HTTP");

        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Add("X-Dev-User", "margaret.ellis");
        var rows = new List<Row>();
        var all = new List<double>();
        var perKind = new List<(string Label, double P50, double P99, int Found)>();
        foreach (var (label, query) in Searches)
        {
            var times = new List<double>();
            var found = 0;
            for (var i = 0; i < samples + 5; i++)
            {
                var clock = Stopwatch.StartNew();
                var answer = await http.GetFromJsonAsync<JsonElement>($"/api/library/search?{query}");
                clock.Stop();
                found = answer.GetProperty("total").GetInt32();
                if (i >= 5) times.Add(clock.Elapsed.TotalMilliseconds); // the first few warm the caches and the JIT
            }
            all.AddRange(times);
            perKind.Add((label, Samples.Percentile(times, 0.5), Samples.Percentile(times, 0.99), found));
        }

        // PostgreSQL alone: the bare ranked query for the same words, no facets, snippets, HTTP or JSON.
        var bare = new List<double>();
        await using (var database = NpgsqlDataSource.Create(connectionString))
        {
            foreach (var words in new[] { "patients", "apnoea", "virtual ward", "\"heart failure\"", "falls -hip", "diabetes" })
                for (var i = 0; i < samples + 5; i++)
                {
                    var clock = Stopwatch.StartNew();
                    // The same bound as the app's: the newest 1,000 matches, the best 20 of them by rank.
                    await using var command = database.CreateCommand(
                        $"select entry_id, title from (select entry_id, title, search from guidanceflow.{LibrarySearchIndex.Table} " +
                        $"where search @@ websearch_to_tsquery('english', $1) order by published_at desc, entry_id limit {GuidanceFlow.Api.Queries.LibrarySearch.Cap}) c " +
                        "order by ts_rank(search, websearch_to_tsquery('english', $1), 1) desc limit 20");
                    command.Parameters.Add(new NpgsqlParameter { Value = words, NpgsqlDbType = NpgsqlDbType.Text });
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) { }
                    clock.Stop();
                    if (i >= 5) bare.Add(clock.Elapsed.TotalMilliseconds);
                }
        }

        var p99 = Samples.Percentile(all, 0.99);
        rows.Add(new($"library search over HTTP at {count:N0} entries, p99 of every search below ({all.Count} searches)",
            $"{p99:0.0} ms (p50 {Samples.Percentile(all, 0.5):0.0} ms)", "p99 ≤ 50 ms", p99 <= 50));
        foreach (var (label, p50, kindP99, found) in perKind)
            rows.Add(new($"  {label} ({found:N0} found)", $"p50 {p50:0.0} ms, p99 {kindP99:0.0} ms", "—", null));
        var bareP50 = Samples.Percentile(bare, 0.5);
        rows.Add(new("  PostgreSQL alone, the same bounded ranked query (newest 1,000 matches, best 20; no facets, snippets or HTTP)",
            $"p50 {bareP50:0.0} ms, p99 {Samples.Percentile(bare, 0.99):0.0} ms", "—", null));
        rows.Add(new("  GuidanceFlow's search ÷ PostgreSQL alone (p50)", $"{Samples.Percentile(all, 0.5) / bareP50:0.0}×", "—", null));
        rows.Add(new($"  {count:N0} entries copied into the index with their search vectors", $"{seeding.Elapsed.TotalSeconds:0} s", "—", null));
        return rows;
    }

    /// <summary>
    /// Published entries straight into the search index the projection keeps (binary COPY), then each vector built by the
    /// projection's own expression, so the rows are what publishing would have written.
    /// </summary>
    private static async Task SeedAsync(string connectionString, int count)
    {
        var random = new Random(20261203);
        // Zipf-like: word k is chosen with weight 1/(k+1), so the first words are in most entries and the last in few.
        var weights = Words.Select((_, k) => 1.0 / (k + 1)).ToArray();
        var cumulative = new double[weights.Length];
        for (var (k, sum) = (0, 0.0); k < weights.Length; k++) cumulative[k] = sum += weights[k];
        string Word() => Words[Math.Min(Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]) is var i && i < 0 ? ~i : i, Words.Length - 1)];
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Word()));

        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await database.OpenConnectionAsync())
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                $"copy guidanceflow.{LibrarySearchIndex.Table} (entry_id, kind, title, summary, body, updates, guidance, guidance_types, sectors, region, " +
                "outcome, cost_band, year, published_at, group_name, organisation) from stdin (format binary)");
            var start = new DateTimeOffset(2021, 1, 1, 9, 0, 0, TimeSpan.Zero);
            for (var n = 0; n < count; n++)
            {
                var caseStudy = n % 3 == 0;
                var guidance = $"NG{1000 + random.Next(300)}";
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(caseStudy ? "CaseStudy" : "GoodPractice", NpgsqlDbType.Text);
                await copy.WriteAsync(Text(8), NpgsqlDbType.Text);
                await copy.WriteAsync(Text(30), NpgsqlDbType.Text);
                await copy.WriteAsync($"What was done\n{Text(60)}\n\nResults\n{Text(40)}\n\nCosts\n{Text(20)}", NpgsqlDbType.Text);
                await copy.WriteAsync("", NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { guidance }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { "NG" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { Sectors[random.Next(Sectors.Length)], Sectors[random.Next(Sectors.Length)] }.Distinct().ToArray(),
                    NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(Regions[random.Next(Regions.Length)], NpgsqlDbType.Text);
                if (caseStudy) await copy.WriteAsync(Outcomes[random.Next(Outcomes.Length)], NpgsqlDbType.Text); else await copy.WriteNullAsync();
                await copy.WriteAsync(Bands[random.Next(Bands.Length)], NpgsqlDbType.Text);
                var published = start.AddMinutes(n * 26.0); // five years, spread evenly
                await copy.WriteAsync(published.Year, NpgsqlDbType.Integer);
                await copy.WriteAsync(published, NpgsqlDbType.TimestampTz);
                if (caseStudy) await copy.WriteAsync($"Group {n % 200}", NpgsqlDbType.Text); else await copy.WriteNullAsync();
                await copy.WriteAsync($"Organisation {n % 900}", NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await using (var vectors = database.CreateCommand($"update guidanceflow.{LibrarySearchIndex.Table} set search = {LibrarySearchIndex.Vector()}"))
        {
            vectors.CommandTimeout = 1800;
            await vectors.ExecuteNonQueryAsync();
        }
        await using (var analyse = database.CreateCommand($"vacuum analyze guidanceflow.{LibrarySearchIndex.Table}"))
        {
            analyse.CommandTimeout = 600;
            await analyse.ExecuteNonQueryAsync();
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Projections.Benchmarking;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Groups;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;

namespace GuidanceFlow.Bench;

/// <summary>
/// Benchmarking at the NHS's size: 200 groups in 42 systems and 7 regions (16 networks), 300 guidance products, every group reviewing
/// each over five years (60,000 reviews, each with 16 stakeholders' answers, and a triage each: about 1.6 million events, written as the
/// app writes them, hash chain and all). Measured: the benchmark projection built from nothing over them, then rebuilt on its own; each
/// comparison over HTTP (API and page) from request to answer; the app's memory while serving; and PostgreSQL alone reading what a
/// comparison reads, for the same-run ratio.
/// </summary>
public static class BenchmarkingBench
{
    private const int Groups = 200, Systems = 42, Guidance = 300, Recommendations = 10, Stakeholders = 16;
    private static readonly (string Code, string Name)[] Regions =
        [("Y56", "London"), ("Y58", "South West"), ("Y59", "South East"), ("Y60", "Midlands"), ("Y61", "East of England"), ("Y62", "North West"), ("Y63", "North East and Yorkshire")];
    private const string Demo = GuidanceFlow.Api.Identity.DemoUsers.Group;

    private static string GroupName(int g) => g == 0 ? Demo : $"Bench group {g:000}";
    private static string SystemOf(int g) => $"QB{g % Systems + 1:00}";
    private static string RegionOf(int system) => Regions[(system - 1) % Regions.Length].Code;
    private static string Network(int g) => $"LIN{(g % Systems % 16) + 1:00}";

    public static async Task<List<Row>> RunAsync(string apiDll, string connectionString, int reviewsPerGroup, int samples, Action<string> say)
    {
        var rows = new List<Row>();
        // The schema as the app makes it, then the app stopped while the history is written.
        await using (await AppUnderTest.StartGuidanceFlowAsync(apiDll, connectionString)) { }

        var structureFile = Path.Combine(Path.GetTempPath(), $"guidanceflow-bench-structure-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(structureFile, StructureJson());
        var writing = Stopwatch.StartNew();
        var events = await WriteHistoryAsync(connectionString, reviewsPerGroup, say);
        writing.Stop();
        var reviews = Groups * reviewsPerGroup;
        say($"benchmarking: {events:N0} events of {reviews:N0} reviews and their triage written in {writing.Elapsed.TotalSeconds:0} s");

        var environment = new Dictionary<string, string> { ["Benchmarking__StructureFile"] = structureFile };
        await using var app = await AppUnderTest.StartGuidanceFlowAsync(apiDll, connectionString, environment);
        await using var database = NpgsqlDataSource.Create(connectionString);
        var building = Stopwatch.StartNew();
        await CaughtUpAsync(database, say);
        building.Stop();
        say($"benchmarking: the projection built from nothing in {building.Elapsed.TotalSeconds:0} s (beside every other async projection doing the same)");

        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(1) };
        var group = Uri.EscapeDataString(Demo);
        // A guideline in the middle of the five years (every sixth product is a technology appraisal).
        var middle = reviewsPerGroup / 2 - (reviewsPerGroup / 2 % 6 == 5 ? 1 : 0);
        var guidance = $"NG{1000 + middle}";
        var region = RegionOf(int.Parse(SystemOf(0)[2..]));
        (string Label, string User, string Path)[] asks =
        [
            ("a group's dashboard (API)", "amara.okafor", $"/api/benchmarking/groups/{group}"),
            ("a group's dashboard, 20 quarters (API)", "amara.okafor", $"/api/benchmarking/groups/{group}?quarters=20"),
            ("a guidance's national picture (API)", "amara.okafor", $"/api/benchmarking/guidance/{guidance}"),
            ("a region's view (API)", "nadia.khan", $"/api/benchmarking/regions/{region}"),
            ("a network's view (API)", "nadia.khan", "/api/benchmarking/networks/LIN01"),
            ("a group's dashboard (page)", "amara.okafor", $"/benchmarking/groups/{group}"),
            ("a guidance's national picture (page)", "amara.okafor", $"/benchmarking/guidance/{guidance}"),
            ("a network's view (page)", "nadia.khan", "/benchmarking/networks/LIN01"),
        ];
        var all = new List<double>();
        var perKind = new List<(string Label, double P50, double P99, long Bytes)>();
        var peakServing = 0.0;
        foreach (var (label, user, path) in asks)
        {
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < samples + 5; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("X-Dev-User", user);
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                clock.Stop();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                bytes = body.Length;
                if (i >= 5) times.Add(clock.Elapsed.TotalMilliseconds); // the first few warm the caches and the JIT
                if (i % 20 == 0) peakServing = Math.Max(peakServing, ProcessStats.ResidentMb(app.Pid));
            }
            all.AddRange(times);
            perKind.Add((label, Samples.Percentile(times, 0.5), Samples.Percentile(times, 0.99), bytes));
        }

        // PostgreSQL alone: what a dashboard reads — every group's sums for 8 quarters — with no structure, rules, JSON or HTTP.
        var quarters = FinancialQuarter.Of(DateTimeOffset.UtcNow).Last(8).Select(q => q.Key).ToArray();
        var bare = new List<double>();
        for (var i = 0; i < samples + 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = database.CreateCommand(
                $"select group_name, quarter, {string.Join(", ", BenchmarkProjection.Columns)} from guidanceflow.{BenchmarkProjection.Rollups} where quarter = any($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = quarters });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
            clock.Stop();
            if (i >= 5) bare.Add(clock.Elapsed.TotalMilliseconds);
        }

        // The projection rebuilt on its own, as an operator would after changing it.
        var rebuilding = Stopwatch.StartNew();
        await RebuildAsync(apiDll, connectionString, environment);
        rebuilding.Stop();
        say($"benchmarking: rebuilt alone in {rebuilding.Elapsed.TotalSeconds:0} s");

        var p99 = Samples.Percentile(all, 0.99);
        rows.Add(new($"benchmarking comparisons over HTTP, {reviews:N0} reviews of {Groups} groups, p99 of every comparison below",
            $"{p99:0.0} ms (p50 {Samples.Percentile(all, 0.5):0.0} ms)", "p99 ≤ 100 ms", p99 <= 100));
        foreach (var (label, p50, kindP99, size) in perKind)
            rows.Add(new($"  {label} ({size / 1024.0:0} KB)", $"p50 {p50:0.0} ms, p99 {kindP99:0.0} ms", "p99 ≤ 100 ms", kindP99 <= 100));
        var bareP50 = Samples.Percentile(bare, 0.5);
        rows.Add(new("  PostgreSQL alone, what a dashboard reads (every group's sums for 8 quarters)",
            $"p50 {bareP50:0.0} ms, p99 {Samples.Percentile(bare, 0.99):0.0} ms", "—", null));
        rows.Add(new("  a dashboard over HTTP ÷ PostgreSQL alone (p50)", $"{perKind[0].P50 / bareP50:0.0}×", "—", null));
        rows.Add(new("the app's memory while serving comparisons (resident, highest sampled)", $"{peakServing:0} MB", "≤ 500 MB", peakServing <= 500));
        rows.Add(new("  the app's peak resident memory over the run (the build from nothing included)", $"{ProcessStats.PeakResidentMb(app.Pid):0} MB", "—", null));
        rows.Add(new($"the benchmark projection built from nothing over {events:N0} events (beside the other async projections)",
            $"{building.Elapsed.TotalSeconds:0} s", "measured", null));
        rows.Add(new("  rebuilt on its own (`projections rebuild --projection Benchmarks`)", $"{rebuilding.Elapsed.TotalSeconds:0} s", "measured", null));
        rows.Add(new($"  {events:N0} events written (hash-chained, as the app writes them)", $"{writing.Elapsed.TotalSeconds:0} s", "—", null));
        return rows;
    }

    private static string StructureJson() => JsonSerializer.Serialize(new
    {
        regions = Regions.Select(r => new { code = r.Code, name = r.Name }),
        systems = Enumerable.Range(1, Systems).Select(s => new { code = $"QB{s:00}", name = $"Bench ICB {s:00}", region = RegionOf(s) }),
        networks = Enumerable.Range(1, 16).Select(n => new
        {
            code = $"LIN{n:00}", name = $"Bench learning network {n:00}", region = RegionOf(n),
            admins = n == 1 ? new[] { new { userId = "nadia.khan", name = "Nadia Khan" } } : [],
        }),
        groups = Enumerable.Range(0, Groups).Select(g => new { group = GroupName(g), system = SystemOf(g), networks = g % 5 == 4 ? Array.Empty<string>() : [Network(g)] }),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Groups, then each group's reviews of each guidance (and their triage), five years of them, written in batches.</summary>
    private static async Task<long> WriteHistoryAsync(string connectionString, int reviewsPerGroup, Action<string> say)
    {
        using var store = DocumentStore.For(opts =>
        {
            GuidanceFlow.Api.Infrastructure.GuidanceFlowSetup.StoreBasics(opts, connectionString);
            opts.AutoCreateSchemaObjects = AutoCreate.None;
            opts.Events.AppendMode = EventAppendMode.Quick;
            // What the app stores with every append of a review, so the app finds its history as it would have written it
            // (without them it would fold every review's write model at start-up, as for reviews from before it was kept).
            opts.Projections.Add<GuidanceFlow.Projections.Reviews.ReviewAggregation>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            opts.Projections.Add<GuidanceFlow.Projections.Reviews.ReviewAccessCardProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            opts.Schema.For<ImplementationGroup>().UseOptimisticConcurrency(true).GinIndexJsonData();
        });
        var chain = new AuditChain(TimeProvider.System);
        await using (var session = store.LightweightSession())
        {
            for (var g = 1; g < Groups; g++)
            {
                var group = new ImplementationGroup { Id = GroupName(g) };
                group.Set($"bench.chair.{g}", $"Chair {g}", [GroupRole.GroupAdmin, GroupRole.Chair], StructureRules.ConfigurationActor, DateTimeOffset.UtcNow);
                session.Store(group);
            }
            await session.SaveChangesAsync();
        }

        var random = new Random(20261203);
        var start = new DateOnly(2021, 12, 1);
        var numbers = Enumerable.Range(1, Recommendations).Select(n => $"1.{n}").ToList();
        var stakeholders = Enumerable.Range(1, Stakeholders).Select(s => new Stakeholder($"stakeholder.{s}", $"Stakeholder {s}", $"s{s}@example.nhs.uk",
            $"Organisation {s}", (Sector)(s % 8), (Discipline)(s % 10))).ToList();
        long events = 0;
        var batch = new List<(Guid Id, Actor By, List<object> Events)>();
        async Task Flush()
        {
            await using var session = store.LightweightSession();
            foreach (var (id, by, data) in batch)
                session.Events.StartStream(id, chain.Attributed(session, "", by, data).ToArray());
            await session.SaveChangesAsync();
            batch.Clear();
        }
        for (var p = 0; p < reviewsPerGroup; p++)
        {
            var type = p % 6 == 5 ? GuidanceType.TA : GuidanceType.NG;
            var number = $"{type}{1000 + p}";
            var published = start.AddDays(p * 1800 / reviewsPerGroup);
            for (var g = 0; g < Groups; g++)
            {
                var name = GroupName(g);
                var chair = new Actor($"bench.chair.{g}", $"Chair {g}", name, "Chair");
                // Each group has its own pace: some quick, some slow; and its own habit of meeting recommendations.
                var pace = 0.5 + g % 7 / 4.0;
                DateTimeOffset At(int days) => new(published.AddDays((int)(days * pace) + random.Next(5)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                var triageId = TriageItem.IdFor(name, number);
                batch.Add((triageId, chair,
                [
                    new GuidanceQueuedForTriage(triageId, name, Guid.Empty, number, type, $"Bench guidance {number}", published, At(14), At(0)),
                    new GuidanceTriagedRelevant(triageId, ["Service"], ["Organisation 1"], "Clinical lead", "Managerial lead", At(10)),
                ]));
                var id = Guid.CreateVersion7();
                var review = new List<object>
                {
                    new GuidanceReviewOpened(id, number, type, $"Bench guidance {number}", published, name, chair.UserId, chair.Name, At(12)),
                    new RecommendationGridCreated(id, numbers.Select(n => new Recommendation(n, $"Paraphrase of {n}", [])).ToList()),
                    new StakeholdersInvited(id, stakeholders),
                    new ResponseWindowOpened(id, At(50), At(15)),
                };
                foreach (var s in stakeholders)
                    review.Add(new StakeholderResponseSubmitted(id, s.StakeholderId, 1,
                        numbers.Select(n => new RecommendationResponse(n, (Compliance)(random.Next(10 + g % 5) switch { < 6 => 0, < 8 => 1, < 9 => 2, _ => 3 }))).ToList(), At(30)));
                review.Add(new ResponseReminderSent(id, At(50), 7, ["stakeholder.3"], At(43)));
                review.Add(new ResponseWindowClosed(id, WindowClosure.AtDeadline, [], At(50)));
                review.Add(new FinancialImpactAssessed(id, 250_000 + g * 1000, [], [], [new YearFigures(1, RecurrentCost: 10_000 + random.Next(90_000))], 0, 0, false, [], At(60)));
                review.Add(new DecisionRecorded(id, (DecisionOutcome)(random.Next(10) switch { < 6 => 0, < 8 => 1, < 9 => 2, _ => 3 }), "Agreed.", null, [],
                    published.AddYears(2), At(80)));
                batch.Add((id, chair, review));
                events += review.Count + 2;
                if (batch.Count >= 400) await Flush();
            }
            if (p % 50 == 49) say($"benchmarking: written {p + 1} of {reviewsPerGroup} guidance products for every group ({events:N0} events)");
        }
        if (batch.Count > 0) await Flush();
        return events;
    }

    /// <summary>Until the benchmark projection has reached the newest event.</summary>
    private static async Task CaughtUpAsync(NpgsqlDataSource database, Action<string> say)
    {
        var last = DateTime.UtcNow;
        while (true)
        {
            await using var command = database.CreateCommand(
                "select (select coalesce(max(seq_id), 0) from guidanceflow.mt_events), " +
                "(select coalesce(max(last_seq_id), 0) from guidanceflow.mt_event_progression where name like 'Benchmarks%')");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (high, done) = (reader.GetInt64(0), reader.GetInt64(1));
            if (done >= high) return;
            if (DateTime.UtcNow - last > TimeSpan.FromSeconds(30))
            {
                say($"benchmarking: projection at {done:N0} of {high:N0}");
                last = DateTime.UtcNow;
            }
            await Task.Delay(500);
        }
    }

    private static async Task RebuildAsync(string apiDll, string connectionString, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(apiDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { apiDll, "projections", "rebuild", "--projection", "Benchmarks" }) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__GuidanceFlow"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{AppUnderTest.FreePort()}";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"projections rebuild exited {process.ExitCode}:\n{await output}\n{await error}");
    }
}

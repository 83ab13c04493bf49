using System.Diagnostics;
using System.Runtime.InteropServices;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Infrastructure;
using GuidanceFlow.Bench;

// `--bare-api`: this executable as the bare minimal API the start-up time is compared with.
if (args.FirstOrDefault() == "--bare-api")
{
    var minimal = WebApplication.CreateBuilder(args);
    minimal.Logging.ClearProviders();
    var web = minimal.Build();
    web.MapGet("/health", () => "Healthy");
    await web.RunAsync();
    return 0;
}

// `--bare-stack <connection string>`: this executable as the design's stack with none of GuidanceFlow's code.
if (args.FirstOrDefault() == "--bare-stack")
{
    await BareStack.RunAsync(args[1]);
    return 0;
}

var smoke = args.Contains("--smoke");
if (args.FirstOrDefault() == "faults")
{
    var api = Path.Combine(RepositoryRoot(), "src", "Api", "bin", "Release", "net10.0", "GuidanceFlow.Api.dll");
    try
    {
        return await GuidanceFlow.Bench.Faults.FaultRun.RunAsync(args, api);
    }
    finally
    {
        await AppUnderTest.StopAllAsync();
    }
}
var settings = smoke
    ? new Settings(Repeats: 1, Seconds: 3, WarmUpSeconds: 5, Clients: 16, GrowthFrom: 100, GrowthTo: 400, LatencySamples: 15, RoundTripWrites: 60)
    : new Settings(Repeats: 3, Seconds: 10, WarmUpSeconds: 60, Clients: 16, GrowthFrom: 100, GrowthTo: 5000, LatencySamples: 40, RoundTripWrites: 100);
var root = RepositoryRoot();
var apiDll = Path.Combine(root, "src", "Api", "bin", "Release", "net10.0", "GuidanceFlow.Api.dll");
if (!File.Exists(apiDll))
{
    Console.Error.WriteLine($"GuidanceFlow's Release build is missing ({apiDll}): run the suite with `bash bench/run`, which builds it.");
    return 2;
}

void Say(string line) => Console.WriteLine($"bench [{DateTime.Now:HH:mm:ss}] {line}");
Say($"{(smoke ? "smoke run" : "full run")}: {settings}; {Environment.ProcessorCount} cores");

await using var pg = await LocalPostgres.StartThrowawayAsync();
// Stopped with Ctrl+C or SIGTERM: the apps and the cluster go too.
void StopEverything(PosixSignalContext _)
{
    AppUnderTest.StopAllAsync().GetAwaiter().GetResult();
    pg.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopEverything);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopEverything);
try
{
var binaries = LocalPostgres.FindBinaries();
var postmaster = pg.PostmasterPid;
var rows = new List<Row>();

// `--catalogue`: the front door alone — 500 structured documents parsed and imported twice — for its own figures.
if (args.Contains("--catalogue"))
{
    rows.AddRange(await GuidanceFlow.Bench.CatalogueBench.RunAsync(apiDll, pg.ConnectionString, 500, Say));
    Console.WriteLine();
    Console.WriteLine(Table.Render(rows, $"GuidanceFlow benchmark, the front door — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
    return 0;
}

// `--library [entries]`: the library's search alone at size (100,000 generated entries unless a number follows).
if (args.Contains("--library"))
{
    var entries = int.TryParse(args.SkipWhile(a => a != "--library").Skip(1).FirstOrDefault(), out var e) ? e : 100_000;
    rows.AddRange(await GuidanceFlow.Bench.LibraryBench.RunAsync(apiDll, pg.ConnectionString, entries, 200, Say));
    Console.WriteLine();
    Console.WriteLine(Table.Render(rows, $"GuidanceFlow benchmark, the library's search — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
    return 0;
}

// `--benchmarking [guidance]`: benchmarking at national size (200 groups each reviewing 300 guidance products unless a number follows).
if (args.Contains("--benchmarking"))
{
    var products = int.TryParse(args.SkipWhile(a => a != "--benchmarking").Skip(1).FirstOrDefault(), out var b) ? b : 300;
    rows.AddRange(await GuidanceFlow.Bench.BenchmarkingBench.RunAsync(apiDll, pg.ConnectionString, products, 200, Say));
    Console.WriteLine();
    Console.WriteLine(Table.Render(rows, $"GuidanceFlow benchmark, benchmarking at national size — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores"));
    return 0;
}

// `--profile-writes [seconds]`: no table; the app under the write load only, its PID printed, so that a
// profiler (dotnet-trace, README "Performance") can be attached to it.
if (args.Contains("--profile-writes"))
{
    var seconds = int.TryParse(args.SkipWhile(a => a != "--profile-writes").Skip(1).FirstOrDefault(), out var s) ? s : 60;
    await using var profiled = await AppUnderTest.StartGuidanceFlowAsync(apiDll, pg.ConnectionString);
    using var writer = new GuidanceFlowClient(profiled.Address);
    var targets = new List<Guid>();
    for (var i = 0; i < settings.Clients; i++) targets.Add(await writer.ReviewInWindowAsync($"NG{900 + i}", 10, ["tom.hadley"]));
    var n = 0;
    Say($"app PID {profiled.Pid}: {settings.Clients} clients writing for {seconds} s");
    // Every 10 s: the rate and the app's and PostgreSQL's CPU per write, to see when the app has warmed up.
    for (var left = seconds; left > 0; left -= 10)
    {
        var (pgBefore, appBefore) = (ProcessStats.PostgresCpuSeconds(pg.PostmasterPid), ProcessStats.CpuSeconds(profiled.Pid));
        var rate = await Drive(settings with { Seconds = Math.Min(10, left) }, i => writer.RespondAsync(targets[i], "tom.hadley", 3, Interlocked.Increment(ref n)));
        var writes = rate * Math.Min(10, left);
        Say($"{rate:0} writes/s; CPU per write: app {(ProcessStats.CpuSeconds(profiled.Pid) - appBefore) * 1000 / writes:0.00} ms, " +
            $"PostgreSQL {(ProcessStats.PostgresCpuSeconds(pg.PostmasterPid) - pgBefore) * 1000 / writes:0.00} ms");
    }
    return 0;
}

// Start-up: the first start creates the schema, so it is not counted.
Say("start-up: GuidanceFlow (first start creates the schema, not counted) and a bare minimal API, alternately");
await (await AppUnderTest.StartGuidanceFlowAsync(apiDll, pg.ConnectionString)).DisposeAsync();
var gfStart = new Samples("s");
var bareStart = new Samples("s");
var stackStart = new Samples("s");
var startRatio = new Samples("×");
var stackRatio = new Samples("×");
AppUnderTest app = null!;
// The design's stack alone (BareStack) creates its schema on its first start too.
await (await AppUnderTest.StartBareStackAsync(pg.ConnectionString)).DisposeAsync();
for (var r = 0; r < settings.Repeats; r++)
{
    await using (var bareApi = await AppUnderTest.StartBareApiAsync()) bareStart.Add(bareApi.StartUp.TotalSeconds);
    await using (var stack = await AppUnderTest.StartBareStackAsync(pg.ConnectionString))
    {
        stackStart.Add(stack.StartUp.TotalSeconds);
        stackRatio.Add(stack.StartUp.TotalSeconds / bareStart.Max);
    }
    app = await AppUnderTest.StartGuidanceFlowAsync(apiDll, pg.ConnectionString);
    gfStart.Add(app.StartUp.TotalSeconds);
    startRatio.Add(app.StartUp.TotalSeconds / bareStart.Max);
    if (r < settings.Repeats - 1) await app.DisposeAsync();
}

// Writes: GuidanceFlow over HTTP, bare Marten and pgbench, interleaved A B C, repeated.
Say($"writes: {settings.Clients} clients, {settings.Seconds} s each, GuidanceFlow / bare Marten / pgbench interleaved, {settings.Repeats}×");
using var client = new GuidanceFlowClient(app.Address);
var reviews = new List<Guid>();
for (var i = 0; i < settings.Clients; i++) reviews.Add(await client.ReviewInWindowAsync($"NG{900 + i}", 10, ["tom.hadley"]));
await using var bare = new BareMarten(pg.ConnectionString);
await bare.PrepareAsync();
var streams = new List<Guid>();
for (var i = 0; i < settings.Clients; i++) streams.Add(await bare.StartStreamAsync());
await Pgbench.PrepareAsync(pg.ConnectionString);
// The design's stack alone over HTTP (BareStack): the floor GuidanceFlow's writes stand on.
var stackApp = await AppUnderTest.StartBareStackAsync(pg.ConnectionString);
using var stackClient = new BareStack.Client(stackApp.Address);
var stackStreams = new List<Guid>();
for (var i = 0; i < settings.Clients; i++) stackStreams.Add(await stackClient.StartStreamAsync());

// Warm-up, not counted: the steady state is what is compared. Under this load .NET's tiered JIT takes
// about a minute to finish optimising GuidanceFlow (its first 10 s run at about half the steady rate:
// `bash bench/run --profile-writes` shows the curve); bare Marten, with far less code, settles sooner.
for (var warmed = 0; warmed < settings.WarmUpSeconds; warmed += 10)
{
    var rate = await Drive(settings with { Seconds = Math.Min(10, settings.WarmUpSeconds - warmed) }, i => client.RespondAsync(reviews[i], "tom.hadley", 3, 0));
    Say($"  warm-up: GuidanceFlow {rate:0} /s");
}
await Drive(settings with { Seconds = Math.Max(3, settings.WarmUpSeconds / 3) }, i => bare.AppendAsync(streams[i], "tom.hadley", 3, 0));
await Drive(settings with { Seconds = Math.Max(3, settings.WarmUpSeconds / 3) }, i => stackClient.AppendAsync(stackStreams[i], "tom.hadley", 3, 0));

var gfRate = new Samples("/s");
var bareRate = new Samples("/s");
var pgRate = new Samples("/s");
var gfVsBare = new Samples("×");
var gfVsPg = new Samples("×");
var gfPgCpu = new Samples("ms");
var gfAppCpu = new Samples("ms");
var barePgCpu = new Samples("ms");
var bareAppCpu = new Samples("ms");
var stackRate = new Samples("/s");
var stackVsBare = new Samples("×");
var stackAppCpu = new Samples("ms");
var round = 0;
for (var r = 0; r < settings.Repeats; r++)
{
    var (pgBefore, appBefore) = (ProcessStats.PostgresCpuSeconds(postmaster), ProcessStats.CpuSeconds(app.Pid));
    var gf = await Drive(settings, i => client.RespondAsync(reviews[i], "tom.hadley", 3, Interlocked.Increment(ref round)));
    gfRate.Add(gf);
    var writes = gf * settings.Seconds;
    gfPgCpu.Add((ProcessStats.PostgresCpuSeconds(postmaster) - pgBefore) * 1000 / writes);
    gfAppCpu.Add((ProcessStats.CpuSeconds(app.Pid) - appBefore) * 1000 / writes);

    (pgBefore, appBefore) = (ProcessStats.PostgresCpuSeconds(postmaster), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    var b = await Drive(settings, i => bare.AppendAsync(streams[i], "tom.hadley", 3, Interlocked.Increment(ref round)));
    bareRate.Add(b);
    barePgCpu.Add((ProcessStats.PostgresCpuSeconds(postmaster) - pgBefore) * 1000 / (b * settings.Seconds));
    bareAppCpu.Add((Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - appBefore) * 1000 / (b * settings.Seconds));

    var stackBefore = ProcessStats.CpuSeconds(stackApp.Pid);
    var st = await Drive(settings, i => stackClient.AppendAsync(stackStreams[i], "tom.hadley", 3, Interlocked.Increment(ref round)));
    stackRate.Add(st);
    stackVsBare.Add(st / b);
    stackAppCpu.Add((ProcessStats.CpuSeconds(stackApp.Pid) - stackBefore) * 1000 / (st * settings.Seconds));

    var p = await Pgbench.InsertsPerSecondAsync(binaries, pg.ConnectionString, settings.Clients, TimeSpan.FromSeconds(settings.Seconds));
    pgRate.Add(p);
    gfVsBare.Add(gf / b);
    gfVsPg.Add(gf / p);
    Say($"  repeat {r + 1}: GuidanceFlow {gf:0} /s, bare Marten {b:0} /s, the stack alone {st:0} /s, pgbench {p:0} /s");
}
// Stopped now: its idle polling (Wolverine, Quartz) would otherwise weigh on every later phase.
await stackApp.DisposeAsync();
var peakDuringWrites = ProcessStats.PeakResidentMb(app.Pid);
rows.Add(new("response writes over HTTP, 16 clients, distinct reviews", gfRate.Describe("0"), "—", null));
rows.Add(new("  bare Marten FetchForWriting + append + inline projection", bareRate.Describe("0"), "—", null));
rows.Add(new("  pgbench single-row inserts", pgRate.Describe("0"), "—", null));
rows.Add(new("  GuidanceFlow ÷ bare Marten", gfVsBare.Describe(), "≥ 1.0×", gfVsBare.Median >= 1.0));
rows.Add(new("  GuidanceFlow ÷ pgbench", gfVsPg.Describe("0.###"), "—", null));
rows.Add(new("  the design's stack alone over HTTP (a Wolverine handler: FetchForWriting + append + inline projection; app CPU " +
    stackAppCpu.Describe() + " per write)", stackRate.Describe("0"), "—", null));
rows.Add(new("    the stack alone ÷ bare Marten", stackVsBare.Describe(), "—", null));
rows.Add(new("PostgreSQL CPU per write (bare Marten: " + barePgCpu.Describe() + ")", gfPgCpu.Describe(), "≤ 4.7 ms (18.7 ÷ 4)", gfPgCpu.Median <= 18.7 / 4));
rows.Add(new("app CPU per write (bare Marten: " + bareAppCpu.Describe() + ")", gfAppCpu.Describe(), "≤ 1.6 ms (6.5 ÷ 4)", gfAppCpu.Median <= 6.5 / 4));

// Latency as one review's stream grows.
Say($"stream growth: one review, single-client latency at {settings.GrowthFrom} and at {settings.GrowthTo} events");
var stakeholders = GuidanceFlowClient.Stakeholders;
var growing = await client.ReviewInWindowAsync("NG999", 10, stakeholders);
long version = 4;
while (version < settings.GrowthFrom - settings.LatencySamples / 2)
    version = await client.RespondAsync(growing, stakeholders[version % stakeholders.Length], 3, Interlocked.Increment(ref round));
var early = await Latencies(settings.LatencySamples, i => client.RespondAsync(growing, stakeholders[i % stakeholders.Length], 3, Interlocked.Increment(ref round)));
var target = settings.GrowthTo - settings.LatencySamples / 2;
await Task.WhenAll(stakeholders.Select(async s =>
{
    while (Interlocked.Read(ref version) < target)
    {
        var v = await client.RespondRetryingConflictsAsync(growing, s, 3, Interlocked.Increment(ref round));
        long seen;
        do seen = Interlocked.Read(ref version); while (v > seen && Interlocked.CompareExchange(ref version, v, seen) != seen);
    }
}));
var late = await Latencies(settings.LatencySamples, i => client.RespondAsync(growing, stakeholders[i % stakeholders.Length], 3, Interlocked.Increment(ref round)));
var growthRatio = Samples.Percentile(late, 0.5) / Samples.Percentile(early, 0.5);
rows.Add(new($"write latency p50, 1 client, at {settings.GrowthFrom} events", $"{Samples.Percentile(early, 0.5):0.0} ms", "—", null));
rows.Add(new($"write latency p50, 1 client, at {settings.GrowthTo} events", $"{Samples.Percentile(late, 0.5):0.0} ms", "—", null));
rows.Add(new($"  p50 at {settings.GrowthTo} ÷ p50 at {settings.GrowthFrom}", $"{growthRatio:0.00}×", "≤ 1.2×", growthRatio <= 1.2));

// Time travel on the grown stream: once the snapshots are built, any version, one client.
var finalVersion = Interlocked.Read(ref version) + settings.LatencySamples;
await using (var snapshots = new Npgsql.NpgsqlConnection(pg.ConnectionString))
{
    await snapshots.OpenAsync();
    var due = finalVersion / 100;
    for (var waited = Stopwatch.StartNew(); ; await Task.Delay(200))
    {
        await using var count = new Npgsql.NpgsqlCommand(
            "select count(*) from guidanceflow.mt_doc_reviewviewsnapshot where data ->> 'ReviewId' = $1", snapshots);
        count.Parameters.Add(new() { Value = growing.ToString() });
        if (Convert.ToInt64(await count.ExecuteScalarAsync()) >= due || waited.Elapsed > TimeSpan.FromMinutes(2)) break;
    }
}
var travel = new Random(7);
await Latencies(5, _ => client.ViewAtAsync(growing, travel.NextInt64(1, finalVersion))); // warm-up
var travelled = await Latencies(settings.LatencySamples, _ => client.ViewAtAsync(growing, travel.NextInt64(1, finalVersion)));
rows.Add(new($"time travel ?version=, any of {finalVersion} versions, 1 client: p50 / max", $"{Samples.Percentile(travelled, 0.5):0.0} / {travelled.Max():0.0} ms",
    "≤ 100 ms", travelled.Max() <= 100));
var peakAfterGrowth = ProcessStats.PeakResidentMb(app.Pid);

// The shared view at size: 200 recommendations, 20 stakeholders, every one answered in full.
Say("large review: 200 recommendations × 20 stakeholders, all responded; the shared view read by one client, then at an offered 100 req/s");
var twenty = DemoUsers.All.Where(u => u.Roles.Contains(Roles.Stakeholder)).Select(u => u.UserId).Take(20).ToArray();
var large = await client.ReviewInWindowAsync("NG997", 200, twenty);
foreach (var s in twenty) await client.RespondInFullAsync(large, s, 200);
await using (var sizes = new Npgsql.NpgsqlConnection(pg.ConnectionString))
{
    await sizes.OpenAsync();
    await using var size = new Npgsql.NpgsqlCommand(
        "select pg_column_size(data), octet_length(data::text) from guidanceflow.mt_doc_reviewview where id = $1", sizes);
    size.Parameters.Add(new() { Value = large });
    await using var reader = await size.ExecuteReaderAsync();
    await reader.ReadAsync();
    Say($"  stored shared view: {reader.GetInt32(1) / 1024} KB of JSON, {reader.GetInt32(0) / 1024} KB on disk");
}
// Reads are measured after waiting (up to three minutes) for the async views to take in the 4,000 answers.
var caughtUp = await RegisterLag.ProjectionsCaughtUpAsync(pg.ConnectionString);
Say(caughtUp is { } took ? $"  the async views took the answers in within {took.TotalSeconds:0.0} s" : "  the async views were still behind after 3 minutes");
var viewUrl = $"/api/reviews/{large}";
const string browserEncodings = "gzip, deflate, br";
for (var i = 0; i < 5; i++) await client.TimedGetAsync(GuidanceFlowClient.Chair, viewUrl, browserEncodings); // warm-up
var plain = new List<double>();
var compressed = new List<double>();
long plainBytes = 0, wireBytes = 0;
string? encoding = null;
for (var i = 0; i < settings.LatencySamples; i++)
{
    var p = await client.TimedGetAsync(GuidanceFlowClient.Chair, viewUrl, "identity");
    plain.Add(p.Ms);
    plainBytes = p.Bytes;
    var c = await client.TimedGetAsync(GuidanceFlowClient.Chair, viewUrl, browserEncodings);
    compressed.Add(c.Ms);
    (wireBytes, encoding) = (c.Bytes, c.Encoding);
}
rows.Add(new("shared view GET, 200 recommendations × 20 stakeholders, 1 client: p50 uncompressed / compressed",
    $"{Samples.Percentile(plain, 0.5):0.0} / {Samples.Percentile(compressed, 0.5):0.0} ms", "—", null));
rows.Add(new("  its size: uncompressed / on the wire", $"{plainBytes / 1024} KB / {wireBytes / 1024} KB ({encoding ?? "not compressed"})",
    "compressed", encoding is not null));
var offered = await OpenLoop(100, smoke ? 3 : 10, _ => client.TimedGetAsync(GuidanceFlowClient.Chair, viewUrl, browserEncodings));
var refused = offered.Count(double.IsPositiveInfinity);
rows.Add(new("  at an offered 100 req/s: p50 / p99" + (refused > 0 ? $" ({refused} of {offered.Count} refused)" : ""),
    $"{Samples.Percentile(offered, 0.5):0.0} / {Samples.Percentile(offered, 0.99):0.0} ms", "p99 ≤ 15 ms", Samples.Percentile(offered, 0.99) <= 15));
var pageUrl = $"/reviews/{large}";
for (var i = 0; i < 3; i++) await client.TimedGetAsync(GuidanceFlowClient.Chair, pageUrl, browserEncodings); // warm-up
var pages = new List<double>();
for (var i = 0; i < settings.LatencySamples / 2; i++) pages.Add((await client.TimedGetAsync(GuidanceFlowClient.Chair, pageUrl, browserEncodings)).Ms);
rows.Add(new("  its page, 1 client: p50 / max", $"{Samples.Percentile(pages, 0.5):0.0} / {pages.Max():0.0} ms", "≤ 200 ms", pages.Max() <= 200));
var peakServingLarge = ProcessStats.PeakResidentMb(app.Pid);

// Async projection lag: writes offered at 100/s to distinct reviews; each write's register row watched
// until it shows that write's version.
Say("async lag: responses offered at 100 writes/s, each write's register row watched until it shows the write");
var lagReviews = new List<Guid>();
for (var i = 0; i < 20; i++) lagReviews.Add(await client.ReviewInWindowAsync($"NG{800 + i}", 10, ["tom.hadley"]));
var lags = await RegisterLag.MeasureAsync(pg.ConnectionString, lagReviews, 100, smoke ? 3 : 10,
    i => client.RespondAsync(lagReviews[i % lagReviews.Count], "tom.hadley", 3, Interlocked.Increment(ref round)));
rows.Add(new("async projection lag (register) at an offered 100 writes/s: p50 / p99", $"{Samples.Percentile(lags, 0.5):0} / {Samples.Percentile(lags, 0.99):0} ms",
    "p99 ≤ 1 s", Samples.Percentile(lags, 0.99) <= 1000));

// The register at national size: 60,000 reviews across 200 groups (rows copied in SQL from ones the app
// wrote); the chair belongs to eleven of the groups, about 3,300 reviews.
Say("register: 60,000 reviews across 200 groups; the chair's register (11 groups) read at an offered 100 req/s");
await RegisterLag.SeedNationalRegisterAsync(pg.ConnectionString, DemoUsers.Group, 60_000, 200, 10);
string[] registerUrls =
[
    "/api/reviews", "/api/reviews?page=7", "/api/reviews?sort=title", "/api/reviews?q=NG9", "/api/reviews?status=AwaitingResponses&sort=-published",
    $"/api/reviews?group={Uri.EscapeDataString(DemoUsers.Group)}", "/api/reviews?sort=nextDeadline&pageSize=100",
];
for (var i = 0; i < 10; i++) await client.TimedGetAsync(GuidanceFlowClient.Chair, registerUrls[i % registerUrls.Length], browserEncodings); // warm-up
var chairsRegister = (await client.GetAsync(GuidanceFlowClient.Chair, "/api/reviews")).GetProperty("total").GetInt32();
Say($"  the chair's register holds {chairsRegister:N0} of them");
if (chairsRegister is < 2_000 or > 5_000) throw new InvalidOperationException($"The seeded register gives the chair {chairsRegister} reviews, not about 3,300.");
var registerTimes = await OpenLoop(100, smoke ? 3 : 10,
    i => client.TimedGetAsync(GuidanceFlowClient.Chair, registerUrls[i % registerUrls.Length], browserEncodings));
for (var u = 0; u < registerUrls.Length; u++)
{
    var times = registerTimes.Where((_, i) => i % registerUrls.Length == u).ToList();
    Say($"  {registerUrls[u]}: p50 {Samples.Percentile(times, 0.5):0.0} ms, p99 {Samples.Percentile(times, 0.99):0.0} ms");
}
var registerRefused = registerTimes.Count(double.IsPositiveInfinity);
rows.Add(new("register with 60,000 reviews, at an offered 100 req/s: p50 / p99" + (registerRefused > 0 ? $" ({registerRefused} refused)" : ""),
    $"{Samples.Percentile(registerTimes, 0.5):0.0} / {Samples.Percentile(registerTimes, 0.99):0.0} ms", "p99 ≤ 20 ms",
    Samples.Percentile(registerTimes, 0.99) <= 20));
await app.DisposeAsync();
var appLog = Path.Combine(Path.GetTempPath(), "guidanceflow-bench-app.log");
await File.WriteAllTextAsync(appLog, app.Log);
Say($"the app logged {app.Problems.Count} warnings or errors (its log: {appLog})");
foreach (var kind in app.Problems.GroupBy(p => p).OrderByDescending(g => g.Count()).Take(5)) Say($"  {kind.Count()}× {kind.Key}");

// The front door: NICE's structured documents parsed, then imported by the app from a fake NICE (500; 100 in a smoke run).
var catalogueDocuments = smoke ? 100 : 500;
Say($"catalogue: {catalogueDocuments} structured documents parsed, then imported from a fake NICE twice");
rows.AddRange(await GuidanceFlow.Bench.CatalogueBench.RunAsync(apiDll, pg.ConnectionString, catalogueDocuments, Say));

// Round trips: the app again, its every connection through a counting relay.
Say($"round trips: {settings.RoundTripWrites} sequential responses through a counting relay, idle traffic subtracted");
await using var relay = new RoundTripCounter(new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString).Port);
var relayed = new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString) { Port = relay.Port }.ConnectionString;
await using (var counted = await AppUnderTest.StartGuidanceFlowAsync(apiDll, relayed))
{
    using var countedClient = new GuidanceFlowClient(counted.Address);
    var review = await countedClient.ReviewInWindowAsync("NG998", 10, ["tom.hadley"]);
    await countedClient.RespondAsync(review, "tom.hadley", 3, 0);
    // Background work (Wolverine's durability agent, the projection daemon, Quartz) talks to the database
    // all the time: its rate is measured before and after the writes and subtracted.
    async Task<double> IdleRate()
    {
        var (clock, start) = (Stopwatch.StartNew(), relay.RoundTrips);
        await Task.Delay(TimeSpan.FromSeconds(smoke ? 4 : 10));
        return (relay.RoundTrips - start) / clock.Elapsed.TotalSeconds;
    }
    var idleBefore = await IdleRate();
    var writing = Stopwatch.StartNew();
    var before = relay.RoundTrips;
    for (var i = 1; i <= settings.RoundTripWrites; i++) await countedClient.RespondAsync(review, "tom.hadley", 3, i);
    // Let the work the writes caused in the background (projections, outbox) finish, then count it too.
    await Task.Delay(TimeSpan.FromSeconds(3));
    var (during, elapsed) = (relay.RoundTrips - before, writing.Elapsed.TotalSeconds);
    var idleAfter = await IdleRate();
    var idle = (idleBefore + idleAfter) / 2;
    var perWrite = (during - idle * elapsed) / settings.RoundTripWrites;
    rows.Add(new($"SQL round trips per response submission (request and the background work it causes; idle {idle:0.0}/s subtracted)",
        $"{perWrite:0.0}", "≤ 4", perWrite <= 4));
    gfStart.Add(counted.StartUp.TotalSeconds);
}
// The same count for bare Marten (no background work of its own): the library's floor for one append with an inline projection.
await using (var bareCounted = new BareMarten(relayed))
{
    var stream = await bareCounted.StartStreamAsync();
    var before = relay.RoundTrips;
    for (var i = 1; i <= settings.RoundTripWrites; i++) await bareCounted.AppendAsync(stream, "tom.hadley", 3, i);
    var bareRoundTrips = (double)(relay.RoundTrips - before) / settings.RoundTripWrites;
    rows.Add(new("  bare Marten, the same count per append (FetchForWriting, inline projection, commit)", $"{bareRoundTrips:0.0}", "—", null));
}

rows.Add(new("cold start to first 200 on /health", gfStart.Describe(), "≤ 3 s", gfStart.Median <= 3));
rows.Add(new($"  bare minimal API (same run: {bareStart.Describe()}), GuidanceFlow ÷ bare", startRatio.Describe(), "≤ 2×", startRatio.Median <= 2));
rows.Add(new($"  the design's stack alone, no GuidanceFlow code (same run: {stackStart.Describe()}) ÷ bare minimal API", stackRatio.Describe(), "—", null));
rows.Add(new("app peak resident memory during writes", $"{peakDuringWrites:0} MB", "≤ 400 MB", peakDuringWrites <= 400));
rows.Add(new("app peak resident memory after the stream grew", $"{peakAfterGrowth:0} MB", "≤ 400 MB", peakAfterGrowth <= 400));
rows.Add(new("app peak resident memory after serving the large view", $"{peakServingLarge:0} MB", "≤ 400 MB", peakServingLarge <= 400));

Console.WriteLine();
Console.WriteLine(Table.Render(rows,
    $"GuidanceFlow benchmark — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {(smoke ? "smoke" : "full")} run ({settings.Repeats}× {settings.Seconds} s)"));
return 0;
}
finally
{
    await AppUnderTest.StopAllAsync();
}

static async Task<double> Drive(Settings settings, Func<int, Task> write)
{
    var stop = DateTime.UtcNow.AddSeconds(settings.Seconds);
    var done = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(async i =>
    {
        while (DateTime.UtcNow < stop)
        {
            await write(i);
            Interlocked.Increment(ref done);
        }
    }));
    return done / clock.Elapsed.TotalSeconds;
}

// Requests started on a fixed schedule whatever the answers do (no coordinated omission): each
// latency counts from when its request was due, so a stall shows in every request it delayed.
static async Task<List<double>> OpenLoop(int perSecond, int seconds, Func<int, Task<(double Ms, long Bytes, string? Encoding)>> get)
{
    var clock = Stopwatch.StartNew();
    var interval = 1000.0 / perSecond;
    var requests = new List<Task<double>>();
    for (var i = 0; i < perSecond * seconds; i++)
    {
        var (n, due) = (i, i * interval);
        var wait = due - clock.Elapsed.TotalMilliseconds;
        if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
        requests.Add(Task.Run(async () =>
        {
            try { await get(n); }
            catch (RequestRefused) { return double.PositiveInfinity; } // a refusal counts as never answered
            return clock.Elapsed.TotalMilliseconds - due;
        }));
    }
    return [.. await Task.WhenAll(requests)];
}

static async Task<List<double>> Latencies(int count, Func<int, Task> write)
{
    var result = new List<double>();
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        await write(i);
        result.Add(clock.Elapsed.TotalMilliseconds);
    }
    return result;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "GuidanceFlow.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run the suite from inside the GuidanceFlow repository.");
}

internal sealed record Settings(int Repeats, int Seconds, int WarmUpSeconds, int Clients, int GrowthFrom, int GrowthTo, int LatencySamples, int RoundTripWrites);

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Infrastructure;
using MimeKit;
using Npgsql;

namespace GuidanceFlow.Bench.Faults;

/// <summary>
/// The fault-injection suite (`bash bench/faults`, `--short` in CI): two GuidanceFlow instances as
/// separate processes on one PostgreSQL, eight writers keeping a ledger of every answer, a real SMTP
/// server counting emails, and response windows falling due while instances are killed (-9), frozen
/// (SIGSTOP) and PostgreSQL is crashed. Afterwards it checks what README and SECURITY.md promise.
/// </summary>
public static class FaultRun
{
    private const int Writers = 8;
    private static readonly string[] Stakeholders = ["tom.hadley", "sunil.mehta", "joan.petrie"];
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private sealed record Ack(Guid Review, string Stakeholder, string Key, long? Version, DateTimeOffset At, string How);
    private sealed record ServerError(int Status, DateTimeOffset At, string What);

    public static async Task<int> RunAsync(string[] args, string apiDll)
    {
        var cycles = args.Contains("--short") ? 6 : int.TryParse(Value(args, "--cycles"), out var c) ? c : 50;
        void Say(string line) => Console.WriteLine($"faults [{DateTime.Now:HH:mm:ss}] {line}");
        var clock = Stopwatch.StartNew();
        Say($"{cycles} fault cycles: two instances, {Writers} writers, kill -9 / SIGSTOP / PostgreSQL crash, deadlines falling due");

        await using var pg = await LocalPostgres.StartThrowawayAsync(durable: true);
        await using var smtp = await Maildir.StartAsync();
        var ports = new[] { AppUnderTest.FreePort(), AppUnderTest.FreePort() };
        Dictionary<string, string> Environment(int i) => new()
        {
            ["Mail__SmtpHost"] = "127.0.0.1", ["Mail__SmtpPort"] = smtp.Port.ToString(), ["Mail__UseStartTls"] = "false",
            ["Scheduler__InstanceId"] = $"instance-{i}", ["Scheduler__IdleWaitSeconds"] = "1",
        };
        var apps = new AppUnderTest[2];
        // Every instance started, killed ones too: when a check fails, their logged errors say why.
        var everyInstance = new List<AppUnderTest>();
        for (var i = 0; i < 2; i++) everyInstance.Add(apps[i] = await AppUnderTest.StartGuidanceFlowAsync(apiDll, pg.ConnectionString, Environment(i), ports[i]));
        var clients = ports.Select(p => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{p}"), Timeout = TimeSpan.FromSeconds(10) }).ToArray();

        // Reviews whose windows close one after another while the faults run.
        var spacing = TimeSpan.FromSeconds(10);
        var reviews = new List<(Guid Id, DateTimeOffset Deadline)>();
        var count = Math.Max(4, cycles / 2);
        var firstDeadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(40);
        for (var i = 0; i < count; i++)
            reviews.Add((await OpenReviewAsync(clients[i % 2], $"NG{700 + i}", firstDeadline + spacing * i), firstDeadline + spacing * i));
        Say($"{reviews.Count} reviews open, windows closing every {spacing.TotalSeconds:F0} s from {firstDeadline:HH:mm:ss}");

        var acks = new ConcurrentBag<Ack>();
        var errors = new ConcurrentBag<ServerError>();
        var outages = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var faults = new List<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w, clients, reviews, acks, errors, stop.Token))).ToList();

        var random = new Random(20261201);
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var victim = random.Next(2);
            switch (cycle % 5)
            {
                case 0 or 2:
                    await apps[victim].KillAsync();
                    faults.Add("kill -9");
                    everyInstance.Add(apps[victim] = await AppUnderTest.StartGuidanceFlowAsync(apiDll, pg.ConnectionString, Environment(victim), ports[victim]));
                    break;
                case 1 or 3:
                    await apps[victim].SignalAsync("STOP");
                    await Task.Delay(TimeSpan.FromSeconds(2 + random.Next(4)));
                    await apps[victim].SignalAsync("CONT");
                    faults.Add("SIGSTOP");
                    break;
                default:
                    var from = DateTimeOffset.UtcNow;
                    await pg.CrashAsync();
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    await pg.RecoverAsync();
                    outages.Add((from, DateTimeOffset.UtcNow));
                    faults.Add("PostgreSQL crash");
                    break;
            }
            // Load between faults: every instance answers and the writers have made progress.
            var before = acks.Count;
            await Until(async () => await Healthy(clients)
                                    && (acks.Count > before || reviews.All(r => r.Deadline < DateTimeOffset.UtcNow.AddSeconds(3))),
                "writes to go on after the fault");
            Say($"cycle {cycle + 1}/{cycles}: {faults[^1]}; {acks.Count} writes acknowledged so far");
        }
        var faultsOver = DateTimeOffset.UtcNow;
        await Until(async () => DateTimeOffset.UtcNow > reviews[^1].Deadline, "the last deadline to pass", minutes: 10);
        stop.Cancel();
        await Task.WhenAll(writers);
        Say($"faults over; {acks.Count} writes acknowledged; checking");

        // Checks, each against the promise it stands for.
        var failures = new List<string>();
        var lines = new List<string>();
        var chair = clients[0];

        // Views caught up: the register shows every window closed.
        var viewsFrom = DateTimeOffset.UtcNow;
        await Until(async () =>
        {
            var register = await Get(chair, "amara.okafor", "/api/reviews?pageSize=100");
            return register.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("status").GetString() == "Collated") == reviews.Count;
        }, "the register to show every window closed", minutes: 5);
        lines.Add($"views caught up {(DateTimeOffset.UtcNow - viewsFrom).TotalSeconds:F1} s after the writers stopped");

        long maxLate = 0;
        foreach (var (id, deadline) in reviews)
        {
            var history = (await Get(chair, "amara.okafor", $"/api/reviews/{id}/history")).EnumerateArray().ToList();
            // No acknowledged write lost, duplicated or partial: each acknowledged key is in the history exactly once, as sent.
            var written = history.Where(h => h.GetProperty("type").GetString() == "StakeholderResponseSubmitted")
                .Select(h => (Key: h.GetProperty("data").GetProperty("responses")[0].GetProperty("currentPractice").GetString()?.Replace("Ledger ", ""),
                    Stakeholder: h.GetProperty("data").GetProperty("stakeholderId").GetString(), Version: h.GetProperty("version").GetInt64()))
                .ToLookup(w => w.Key);
            foreach (var ack in acks.Where(a => a.Review == id))
            {
                var found = written[ack.Key].ToList();
                if (found.Count == 0) failures.Add("  evidence: " + await Evidence(pg.ConnectionString, ack.Key));
                if (found.Count != 1 || found[0].Stakeholder != ack.Stakeholder || (ack.Version is { } v && found[0].Version > v))
                    failures.Add($"acknowledged write {(found.Count == 0 ? "lost" : found.Count > 1 ? "duplicated" : "misplaced")}: {ack.Stakeholder} on {id}, " +
                                 $"key {ack.Key}, {ack.How} at {ack.At:HH:mm:ss.fff}, ETag {ack.Version}; stored at versions [{string.Join(", ", found.Select(f => f.Version))}]");
            }
            var acknowledgedKeys = acks.Where(a => a.Review == id).Select(a => a.Key).ToHashSet();
            foreach (var extra in written.Where(g => g.Key is not null && !acknowledgedKeys.Contains(g.Key)))
                failures.Add($"written but never acknowledged (the writer gave up on it or got a refusal): key {extra.Key} on {id} at versions [{string.Join(", ", extra.Select(e => e.Version))}]");
            foreach (var stakeholder in Stakeholders)
            {
                var submitted = history.Count(h => h.GetProperty("type").GetString() == "StakeholderResponseSubmitted"
                                                   && h.GetProperty("data").GetProperty("stakeholderId").GetString() == stakeholder);
                var acknowledged = acks.Count(a => a.Review == id && a.Stakeholder == stakeholder);
                if (submitted != acknowledged) failures.Add($"{stakeholder} on {id}: {submitted} submissions stored, {acknowledged} acknowledged");
            }
            // Every deadline acted once, within its bound.
            var closed = history.Where(h => h.GetProperty("type").GetString() == "ResponseWindowClosed").ToList();
            if (closed.Count != 1) failures.Add($"{id}: the window closed {closed.Count} times");
            else
            {
                var at = closed[0].GetProperty("timestamp").GetDateTimeOffset();
                var downtime = outages.Where(o => o.To > deadline && o.From < at).Sum(o => (o.To - o.From).TotalSeconds);
                var late = (at - deadline).TotalSeconds;
                maxLate = Math.Max(maxLate, (long)Math.Ceiling(late));
                if (late > Bound.TotalSeconds + downtime) failures.Add($"{id}: closed {late:F1} s after its deadline");
            }
            // Every chain intact.
            var verify = await Get(chair, "rachel.stone", $"/api/reviews/{id}/verify");
            if (!verify.GetProperty("intact").GetBoolean()) failures.Add($"{id}: its hash chain is broken: {verify}");
        }
        lines.Add($"deadlines: {reviews.Count} windows closed once each, the latest {maxLate} s after its deadline (bound {Bound.TotalSeconds:F0} s plus any database outage)");

        // Emails as promised: none lost (every one queued was sent, nothing left or dead-lettered), a repeat only with the same Message-ID.
        try
        {
            await Until(async () => await Scalar(pg.ConnectionString,
                "select (select count(*) from guidanceflow.wolverine_incoming_envelopes where status <> 'Handled') + (select count(*) from guidanceflow.wolverine_outgoing_envelopes)") == 0,
                "every queued message to be handled", minutes: 5);
        }
        catch (TimeoutException e)
        {
            // Say what is left, and whose it is, so a failure points somewhere.
            await using var connection = new NpgsqlConnection(pg.ConnectionString);
            await connection.OpenAsync();
            await using var left = new NpgsqlCommand(
                "select 'incoming ' || message_type || ' ' || status || ' owner ' || owner_id || ' attempts ' || coalesce(attempts, 0) || ': ' || count(*) " +
                "from guidanceflow.wolverine_incoming_envelopes where status <> 'Handled' group by message_type, status, owner_id, attempts " +
                "union all select 'outgoing ' || message_type || ' to ' || destination || ' owner ' || owner_id || ': ' || count(*) " +
                "from guidanceflow.wolverine_outgoing_envelopes group by message_type, destination, owner_id " +
                "union all select 'node ' || node_number || ' ' || uri || ' last health check ' || health_check from guidanceflow.wolverine_nodes", connection);
            var remaining = new List<string>();
            await using (var rows = await left.ExecuteReaderAsync())
                while (await rows.ReadAsync()) remaining.Add(rows.GetString(0));
            PrintErrors(everyInstance);
            throw new TimeoutException(e.Message + " Left:\n" + string.Join("\n", remaining), e);
        }
        var dead = await Scalar(pg.ConnectionString, "select count(*) from guidanceflow.wolverine_dead_letters");
        if (dead > 0) failures.Add($"{dead} messages in the dead-letter table");
        var mail = smtp.Messages();
        var sent = await Scalar(pg.ConnectionString, "select count(*) from guidanceflow.mt_doc_sentemail");
        var repeats = mail.GroupBy(m => m.MessageId).Count(g => g.Count() > 1);
        var doubled = mail.GroupBy(m => (m.To.ToString(), m.Subject, m.TextBody)).Where(g => g.Select(m => m.MessageId).Distinct().Count() > 1).ToList();
        foreach (var d in doubled) failures.Add($"the same email generated twice (different Message-IDs): {d.Key.Item2} to {d.Key.Item1}");
        var distinct = mail.Select(m => m.MessageId).Distinct().Count();
        if (distinct != sent) failures.Add($"{sent} emails recorded as sent, {distinct} distinct ones delivered");
        var expected = reviews.Count * (Stakeholders.Length /* invitations */ + 1 /* closure to the chair */);
        if (mail.Count(m => m.Subject?.Contains("your response is requested") == true || m.Subject?.Contains("responses closed") == true) < expected)
            failures.Add("invitation or closure emails missing");
        lines.Add($"emails: {distinct} delivered, {sent} recorded as sent, {repeats} repeated with the same Message-ID, {dead} dead-lettered");

        // No 5xx outside an outage: 500 never; 503 only while the database was down (and a few seconds after).
        var outside = errors.Where(e => e.Status != 503 || !outages.Any(o => e.At >= o.From && e.At <= o.To.AddSeconds(15))).ToList();
        foreach (var e in outside.Take(10)) failures.Add($"{e.Status} at {e.At:HH:mm:ss.fff}: {e.What}");
        lines.Add($"server errors: {errors.Count(e => e.Status == 503)} × 503 during outages, {outside.Count} outside them");

        lines.Insert(0, $"{cycles} fault cycles ({faults.Count(f => f == "kill -9")} kill -9, {faults.Count(f => f == "SIGSTOP")} SIGSTOP, " +
                        $"{faults.Count(f => f.StartsWith("PostgreSQL"))} PostgreSQL crashes), {acks.Count} writes acknowledged, {reviews.Count} deadlines, " +
                        $"{clock.Elapsed.TotalMinutes:F1} min");
        Console.WriteLine();
        Console.WriteLine($"| fault-injection run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC |");
        Console.WriteLine("|---|");
        foreach (var line in lines) Console.WriteLine($"| {line} |");
        Console.WriteLine($"| **{(failures.Count == 0 ? "every check held" : $"{failures.Count} checks failed")}** |");
        foreach (var failure in failures) Console.WriteLine($"FAILED: {failure}");
        if (failures.Count > 0) PrintErrors(everyInstance);

        foreach (var client in clients) client.Dispose();
        foreach (var app in apps) await app.DisposeAsync();
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>What each instance logged as an error, with its exception, so a failed check points somewhere.</summary>
    private static void PrintErrors(List<AppUnderTest> instances)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            var printed = 0;
            var inError = false;
            foreach (var line in instances[i].Log.Split('\n'))
            {
                if (line.StartsWith("fail:") || line.StartsWith("crit:")) inError = true;
                else if (!line.StartsWith(' ')) inError = false;
                if (!inError || printed++ > 300) continue;
                Console.WriteLine($"instance {i}: {line.TrimEnd()}");
            }
        }
    }

    /// <summary>
    /// One writer: a stakeholder's response to a review still in its window, sent with an
    /// Idempotency-Key and repeated with the same key — to either instance — until it has a final answer.
    /// </summary>
    private static async Task WriteAsync(int writer, HttpClient[] clients, List<(Guid Id, DateTimeOffset Deadline)> reviews,
        ConcurrentBag<Ack> acks, ConcurrentBag<ServerError> errors, CancellationToken stop)
    {
        var random = new Random(writer);
        var stakeholder = Stakeholders[writer % Stakeholders.Length];
        while (!stop.IsCancellationRequested)
        {
            var open = reviews.Where(r => r.Deadline > DateTimeOffset.UtcNow.AddSeconds(3)).ToList();
            if (open.Count == 0) return;
            var (review, _) = open[random.Next(open.Count)];
            var key = Guid.NewGuid().ToString();
            // The key travels in the answer's text too, so each acknowledged write can be found in the history.
            var body = new { responses = new[] { new { recommendationNumber = "1.1.1", compliance = random.Next(2) == 0 ? "Met" : "NotMet", currentPractice = $"Ledger {key}" } } };
            for (var attempt = 0; ; attempt++)
            {
                var client = clients[(writer + attempt) % clients.Length];
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/reviews/{review}/responses/{stakeholder}") { Content = JsonContent.Create(body) };
                    request.Headers.Add(DevelopmentAuthenticationHandler.Header, stakeholder);
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        var version = long.TryParse(response.Headers.ETag?.Tag.Trim('"'), out var v) ? v : (long?)null;
                        acks.Add(new Ack(review, stakeholder, key, version, DateTimeOffset.UtcNow,
                            $"{(response.Headers.Contains("Idempotent-Replayed") ? "replayed" : "answered")} by {client.BaseAddress!.Port} on attempt {attempt + 1}"));
                        break;
                    }
                    if (status >= 500)
                    {
                        errors.Add(new ServerError(status, DateTimeOffset.UtcNow, $"PUT {review} as {stakeholder}: {text}"));
                        await Task.Delay(250, CancellationToken.None); // as a client honouring Retry-After would, sooner
                        continue;
                    }
                    if (status == 409 && text.Contains("The earlier request with this key was written")) // committed, answer lost: acknowledged, version unknown
                    {
                        acks.Add(new Ack(review, stakeholder, key, null, DateTimeOffset.UtcNow, $"written, answer lost; attempt {attempt + 1}"));
                        break;
                    }
                    if (status == 409 && text.Contains("The earlier request with this key is still running"))
                    {
                        await Task.Delay(1000, CancellationToken.None);
                        continue;
                    }
                    break; // a final refusal (the window closed, or two writers at one instant): nothing written; next time a new key
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(200, CancellationToken.None); // the instance is down or frozen: the other one, same key
                }
            }
        }
    }

    private static async Task<Guid> OpenReviewAsync(HttpClient client, string guidanceId, DateTimeOffset deadline)
    {
        const string chair = "amara.okafor";
        var opened = await Send(client, HttpMethod.Post, chair, "/api/reviews", new
        {
            guidanceId, guidanceType = "NG", title = $"Fault run {guidanceId}", publishedOn = "2024-01-10", group = DemoUsers.Group,
        });
        var id = opened.GetProperty("id").GetGuid();
        await Send(client, HttpMethod.Post, chair, $"/api/reviews/{id}/grid", new
        {
            recommendations = new[] { new { number = "1.1.1", text = "Offer the paraphrased intervention", settings = new[] { "Primary care" } } },
        });
        await Send(client, HttpMethod.Post, chair, $"/api/reviews/{id}/stakeholders", new
        {
            stakeholders = Stakeholders.Select(DemoUsers.Get).Select(u => new
            {
                stakeholderId = u.UserId, name = u.Name, email = u.Email, organisation = u.Organisation, sector = u.Sector.ToString(),
                discipline = u.Discipline.ToString(), organisationCode = u.OrganisationCode,
            }),
        });
        await Send(client, HttpMethod.Post, chair, $"/api/reviews/{id}/response-window", new { deadline });
        return id;
    }

    private static async Task<JsonElement> Send(HttpClient client, HttpMethod method, string user, string url, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(DevelopmentAuthenticationHandler.Header, user);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> Get(HttpClient client, string user, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add(DevelopmentAuthenticationHandler.Header, user);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK) return JsonDocument.Parse(text).RootElement.Clone();
                if (attempt >= 10) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {text}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 10) { }
            await Task.Delay(500);
        }
    }

    private static async Task<bool> Healthy(HttpClient[] clients)
    {
        foreach (var client in clients)
        {
            try
            {
                if ((await client.GetAsync("/health")).StatusCode != HttpStatusCode.OK) return false;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
        return true;
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                return Convert.ToInt64(await command.ExecuteScalarAsync());
            }
            catch (NpgsqlException) when (attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Waits on a condition (never a fixed time); gives up after <paramref name="minutes"/>.</summary>
    private static async Task Until(Func<Task<bool>> condition, string what, double minutes = 3)
    {
        var until = DateTime.UtcNow.AddMinutes(minutes);
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or NpgsqlException or InvalidOperationException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {minutes} min for {what}.");
            await Task.Delay(250);
        }
    }

    /// <summary>What the database holds about one key: its idempotency row and any event carrying it, in any stream.</summary>
    private static async Task<string> Evidence(string connectionString, string key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var sql in new[]
                 {
                     "select user_id, committed, status, created_at::text from guidanceflow.idempotent_requests where key = $1",
                     "select stream_id::text, version, seq_id, timestamp::text from guidanceflow.mt_events where data::text like '%' || $1 || '%'",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new() { Value = key });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                text.Append('[').Append(string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString()))).Append("] ");
            text.Append("| ");
        }
        return text.ToString();
    }

    private static string? Value(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>A real SMTP server (Debian's aiosmtpd) delivering into a maildir the run counts.</summary>
public sealed class Maildir : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private Maildir(Process process, string root, int port) => (_process, _root, Port) = (process, root, port);

    public int Port { get; }

    public static async Task<Maildir> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "gf-faults-smtp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var port = AppUnderTest.FreePort();
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(root, "maildir") })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"aiosmtpd exited: {await process.StandardError.ReadToEndAsync()} (install python3-aiosmtpd)");
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new Maildir(process, root, port);
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    public List<MimeMessage> Messages() =>
        new[] { "new", "cur" }.Select(f => Path.Combine(_root, "maildir", f)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).Select(f => MimeMessage.Load(f)).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Directory.Delete(_root, recursive: true);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GuidanceFlow.Bench;

/// <summary>
/// A web app as its own process on a loopback port: GuidanceFlow's Release build, or the bare minimal
/// API this suite compares its start-up with. Start-up is timed from process start to the first 200 on /health.
/// </summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private static readonly List<AppUnderTest> Running = [];

    private AppUnderTest(Process process, Uri address)
    {
        _process = process;
        Address = address;
        lock (Running) Running.Add(this);
    }

    /// <summary>However the suite ends, no app it started outlives it.</summary>
    public static async Task StopAllAsync()
    {
        AppUnderTest[] running;
        lock (Running) running = [.. Running];
        foreach (var app in running) await app.DisposeAsync();
    }

    public Uri Address { get; }
    public int Pid => _process.Id;
    public TimeSpan StartUp { get; private set; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<AppUnderTest> StartGuidanceFlowAsync(string apiDll, string connectionString,
        IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(apiDll)! };
        start.ArgumentList.Add(apiDll);
        // The development sign-in header is how the suite acts as users; everything else is the Release build as deployed.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__GuidanceFlow"] = connectionString;
        start.Environment["RateLimits__WritesPerMinute"] = "10000000";
        start.Environment["Mail__SmtpHost"] = "";
        start.Environment["Mail__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "guidanceflow-bench-mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return await StartAsync(start, port);
    }

    /// <summary>This suite's own executable as a bare minimal API: the floor for start-up.</summary>
    public static Task<AppUnderTest> StartBareApiAsync()
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(typeof(AppUnderTest).Assembly.Location);
        start.ArgumentList.Add("--bare-api");
        return StartAsync(start);
    }

    /// <summary>This suite's own executable as the design's stack without GuidanceFlow's code (<see cref="BareStack"/>).</summary>
    public static Task<AppUnderTest> StartBareStackAsync(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(typeof(AppUnderTest).Assembly.Location);
        start.ArgumentList.Add("--bare-stack");
        start.ArgumentList.Add(connectionString);
        return StartAsync(start);
    }

    private static async Task<AppUnderTest> StartAsync(ProcessStartInfo start, int? fixedPort = null)
    {
        var port = fixedPort ?? FreePort();
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var clock = Stopwatch.StartNew();
        var process = new Process { StartInfo = start };
        var app = new AppUnderTest(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._log) app._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._log) app._log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{app.Log}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"The app did not answer /health:\n{app.Log}");
            await Task.Delay(20);
        }
        app.StartUp = clock.Elapsed;
        return app;
    }

    /// <summary>Warnings and errors the app logged (the suite asks for Warning and above), for the table's notes.</summary>
    public IReadOnlyList<string> Problems =>
        Log.Split('\n').Where(l => l.StartsWith("warn:") || l.StartsWith("fail:") || l.StartsWith("crit:")).Select(l => l.Trim()).ToList();

    /// <summary>kill -9: the process dies at once, nothing runs on the way out.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        lock (Running) Running.Remove(this);
    }

    /// <summary>SIGSTOP / SIGCONT: frozen as by a long GC pause or a starved VM, then thawed.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()]);
        await kill!.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        lock (Running) if (!Running.Contains(this)) return;
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        lock (Running) Running.Remove(this);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

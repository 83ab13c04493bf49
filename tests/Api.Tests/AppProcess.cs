using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// GuidanceFlow as it is deployed: its own process on a real Kestrel port, against a database of
/// its own, for the tests that stop and start the app or run two instances side by side.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private AppProcess(Process process, StringBuilder log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }
    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

    /// <summary>Without an SMTP server, the app writes .eml files into <paramref name="pickupDirectory"/>.</summary>
    /// <summary>Runs the app expecting it to refuse to start; returns its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Log)> RunExpectingExitAsync(string connectionString, Dictionary<string, string?> environment,
        params string[] arguments)
    {
        var start = StartInfo(connectionString, null, null);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            if (value is null) start.Environment.Remove(key); else start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public static async Task<AppProcess> StartAsync(string connectionString, SmtpServer? smtp, string? pickupDirectory = null,
        Dictionary<string, string>? extraEnvironment = null)
    {
        var start = StartInfo(connectionString, smtp, pickupDirectory);
        var port = new Uri(start.Environment["ASPNETCORE_URLS"]!).Port;
        foreach (var (key, value) in extraEnvironment ?? []) start.Environment[key] = value;
        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return await WaitHealthy(new AppProcess(process, log, new Uri($"http://127.0.0.1:{port}")));
    }

    private static ProcessStartInfo StartInfo(string connectionString, SmtpServer? smtp, string? pickupDirectory)
    {
        var dll = ApiAssembly();
        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ConnectionStrings__GuidanceFlow"] = connectionString;
        // Set explicitly: the test process's own Mail__ settings would otherwise be inherited.
        env["Mail__SmtpHost"] = smtp is null ? "" : "127.0.0.1";
        if (smtp is null) env.Remove("Mail__SmtpPort");
        else env["Mail__SmtpPort"] = smtp.Port.ToString();
        env["Mail__UseStartTls"] = "false";
        if (pickupDirectory is not null) env["Mail__PickupDirectory"] = pickupDirectory;
        env["Scheduler__IdleWaitSeconds"] = "1";
        env["Scheduler__CheckinSeconds"] = "1";
        env["Scheduler__CheckinMisfireSeconds"] = "5";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__GuidanceFlow"] = "Information";
        return start;
    }

    private static async Task<AppProcess> WaitHealthy(AppProcess app)
    {
        var process = app._process;
        using var client = app.Client();
        var until = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"GuidanceFlow exited with {process.ExitCode}:\n{app.Log}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"GuidanceFlow did not become healthy:\n{app.Log}");
            await Task.Delay(200);
        }
    }

    /// <summary>A hard kill (SIGKILL), as a crash or the out-of-memory killer would do it: nothing runs on the way out.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A graceful stop, as a deployment would do it (SIGTERM).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>The API as built beside this test assembly's configuration.</summary>
    internal static string ApiAssembly()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GuidanceFlow.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("GuidanceFlow.sln not found above the test output.");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(dir.FullName, "src", "Api", "bin", configuration, "net10.0", "GuidanceFlow.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Api first.", dll);
    }

}

/// <summary>A database of its own on the test cluster, for app processes that must not share state.</summary>
public static class TestDatabase
{
    public static async Task<string> CreateAsync(string clusterConnectionString)
    {
        var name = "gf_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(clusterConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task<long> CountAsync(string connectionString, string sql, params (string, object)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Wolverine's durable queues hold nothing still to process: every deadline command and email is done.</summary>
    public static Task<long> PendingMessagesAsync(string connectionString) =>
        CountAsync(connectionString,
            "select (select count(*) from guidanceflow.wolverine_incoming_envelopes where status <> 'Handled') + " +
            "(select count(*) from guidanceflow.wolverine_outgoing_envelopes)");

    public static Task<long> TriggersAsync(string connectionString, Guid reviewId) =>
        CountAsync(connectionString, "select count(*) from guidanceflow.qrtz_triggers where trigger_group = @g", ("g", reviewId.ToString()));
}

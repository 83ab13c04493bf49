using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Npgsql;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>Raised when no PostgreSQL server binaries are installed; its message is the one line to show.</summary>
public sealed class LocalPostgresUnavailable(string message) : Exception(message);

/// <summary>
/// A PostgreSQL cluster of GuidanceFlow's own, started from the installed server binaries so that
/// `dotnet run` and `dotnet test` need nothing else: loopback only, a free port, password
/// authentication. initdb and postgres refuse to run as root, so as root the cluster runs as the
/// unprivileged `postgres` system user, in a folder that user owns.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    public const string Database = "guidanceflow";
    private const string SuperUser = "guidanceflow";
    private const string ServiceUser = "postgres";

    private readonly string _root;
    private readonly string _dataDir;
    private readonly string _binDir;
    private readonly bool _deleteOnStop;
    private readonly bool _asServiceUser;
    private string _password = "";
    private bool _running;

    private LocalPostgres(string root, string binDir, bool deleteOnStop)
    {
        _root = Path.GetFullPath(root);
        _dataDir = Path.Combine(_root, "data");
        _binDir = binDir;
        _deleteOnStop = deleteOnStop;
        _asServiceUser = IsRoot();
    }

    public int Port { get; private set; }

    /// <summary>Where the cluster keeps its files.</summary>
    public string DataDirectory => _root;

    /// <summary>The server's main process (for the benchmark's CPU accounting), from postmaster.pid.</summary>
    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(_dataDir, "postmaster.pid")).First().Trim());

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Database = Database, Username = SuperUser, Password = _password,
    }.ConnectionString;

    /// <summary>The app's cluster: kept in <paramref name="root"/> across restarts.</summary>
    public static async Task<LocalPostgres> StartPersistentAsync(string root, CancellationToken ct = default)
    {
        var binaries = FindBinaries();
        root = await ReachableRootAsync(Path.GetFullPath(root), ct);
        return await StartAsync(new LocalPostgres(root, binaries, deleteOnStop: false), durable: true, ct);
    }

    /// <summary>
    /// As root the cluster runs as the postgres user, who must be able to reach its folder. A checkout
    /// inside a private directory (mode 0700) is out of its reach: then the cluster lives in a folder
    /// of its own under /var/tmp, one per checkout, and we say so.
    /// </summary>
    private static async Task<string> ReachableRootAsync(string root, CancellationToken ct)
    {
        if (!IsRoot()) return root;
        var parent = Path.GetDirectoryName(root)!;
        Directory.CreateDirectory(parent);
        var probe = new ProcessStartInfo("runuser") { RedirectStandardError = true };
        foreach (var a in new[] { "-u", ServiceUser, "--", "test", "-x", parent }) probe.ArgumentList.Add(a);
        using (var process = Process.Start(probe)!)
        {
            await process.WaitForExitAsync(ct);
            if (process.ExitCode == 0) return root;
        }
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..12].ToLowerInvariant();
        var fallback = Path.Combine("/var/tmp", $"guidanceflow-{key}", "postgres");
        Console.WriteLine($"GuidanceFlow: the {ServiceUser} user cannot reach {parent}, so the local database lives in {fallback}.");
        return fallback;
    }

    /// <summary>A throwaway cluster for a test run, deleted when stopped; fast, since nothing in it must survive a crash.</summary>
    public static Task<LocalPostgres> StartThrowawayAsync(CancellationToken ct = default) => StartThrowawayAsync(durable: false, ct);

    /// <summary>A throwaway cluster; <paramref name="durable"/> for one that is crashed on purpose and must keep every commit.</summary>
    public static Task<LocalPostgres> StartThrowawayAsync(bool durable, CancellationToken ct = default) =>
        StartAsync(new LocalPostgres(
                Path.Combine(Path.GetTempPath(), "guidanceflow-pg-" + Guid.NewGuid().ToString("N")[..12]),
                FindBinaries(), deleteOnStop: true),
            durable, ct);

    private static async Task<LocalPostgres> StartAsync(LocalPostgres pg, bool durable, CancellationToken ct)
    {
        await pg.InitialiseAsync(ct);
        await pg.RunAsync(durable, ct);
        await pg.EnsureDatabaseAsync(ct);
        return pg;
    }

    public static string FindBinaries() => FindBinaries(CandidateFolders());

    /// <summary>The first folder holding initdb and pg_ctl; otherwise the one line telling how to get them.</summary>
    public static string FindBinaries(IEnumerable<string> candidates) =>
        candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
        ?? throw new LocalPostgresUnavailable(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found: install them with `sudo apt-get install postgresql`, " +
            "set GUIDANCEFLOW_PG_BIN to their folder, or set ConnectionStrings__GuidanceFlow to use an existing server.");

    private static IEnumerable<string> CandidateFolders()
    {
        var configured = Environment.GetEnvironmentVariable("GUIDANCEFLOW_PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured)) yield return configured;
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            // Debian's layout, newest major version first.
            foreach (var dir in Directory.GetDirectories("/usr/lib/postgresql")
                         .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                yield return Path.Combine(dir, "bin");
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
    }

    private string PasswordFile => _root + ".password";

    private async Task InitialiseAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_root)!);
        if (File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
        {
            _password = File.Exists(PasswordFile)
                ? (await File.ReadAllTextAsync(PasswordFile, ct)).Trim()
                : throw new InvalidOperationException(
                    $"The local PostgreSQL cluster in {_root} exists but its password file {PasswordFile} is missing; delete {_root} to start afresh.");
            if (_asServiceUser) await Chown(_root, ct);
            return;
        }

        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        Directory.CreateDirectory(_root);
        _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, _password, ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // initdb reads the password from a file inside the cluster folder, which it can read, then it goes.
        var initPassword = Path.Combine(_root, "initdb.pw");
        await File.WriteAllTextAsync(initPassword, _password, ct);
        if (_asServiceUser) await Chown(_root, ct);
        try
        {
            await Run("initdb", ["-D", _dataDir, "-U", SuperUser, "--pwfile", initPassword, "-E", "UTF8",
                "--locale=C", "--auth-local=scram-sha-256", "--auth-host=scram-sha-256"], ct);
        }
        finally
        {
            File.Delete(initPassword);
        }
    }

    private async Task RunAsync(bool durable, CancellationToken ct)
    {
        // Already running — another GuidanceFlow process on this checkout (say `seed-demo` beside the app),
        // or one that was killed: use it as it is, and leave it running on exit, since it is not ours.
        if (await Run("pg_ctl", ["-D", _dataDir, "status"], ct, allowFailure: true) == 0
            && File.ReadLines(Path.Combine(_dataDir, "postmaster.pid")).ElementAtOrDefault(3) is { } portLine
            && int.TryParse(portLine.Trim(), out var runningPort))
        {
            Port = runningPort;
            return;
        }

        Port = FreePort();
        await StartServerAsync(durable, ct);
    }

    private bool _durable;

    private async Task StartServerAsync(bool durable, CancellationToken ct)
    {
        _durable = durable;
        var options = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories=''";
        if (!durable) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await Run("pg_ctl", ["-D", _dataDir, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", options, "start"], ct);
        _running = true;
    }

    /// <summary>For fault tests: the server stops as if it crashed (immediate mode), keeping its files.</summary>
    public async Task CrashAsync()
    {
        await Run("pg_ctl", ["-D", _dataDir, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        _running = false;
    }

    /// <summary>For fault tests: the server starts again on the same port, recovering from its log as after a crash.</summary>
    public Task RecoverAsync() => StartServerAsync(_durable, CancellationToken.None);

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", Database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database {Database}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            NpgsqlConnection.ClearAllPools();
            await Run("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None, allowFailure: true);
            _running = false;
        }
        if (_deleteOnStop)
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
            if (File.Exists(PasswordFile)) File.Delete(PasswordFile);
        }
    }

    private async Task<int> Run(string tool, IReadOnlyList<string> args, CancellationToken ct, bool allowFailure = false)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _asServiceUser ? "/" : _root,
        };
        if (_asServiceUser)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", ServiceUser, "--", Path.Combine(_binDir, tool) }) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = Path.Combine(_binDir, tool);
        }
        foreach (var a in args) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && !allowFailure)
        {
            var log = Path.Combine(_root, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "";
            throw new InvalidOperationException(
                $"{tool} failed with exit code {process.ExitCode}: {await stderr}{await stdout}\n{tail}".Trim());
        }
        return process.ExitCode;
    }

    private Task Chown(string path, CancellationToken ct) => RunPlain("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path], ct);

    private static async Task RunPlain(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    private static bool IsRoot() => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;
}

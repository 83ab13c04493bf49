using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace GuidanceFlow.Bench;

/// <summary>PostgreSQL alone: pgbench inserting one small JSON row per transaction, the ceiling for any write.</summary>
public static partial class Pgbench
{
    public static async Task PrepareAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "create table if not exists bench_rows (id bigserial primary key, data jsonb not null)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Transactions per second over <paramref name="duration"/> with <paramref name="clients"/> connections.</summary>
    public static async Task<double> InsertsPerSecondAsync(string binaries, string connectionString, int clients, TimeSpan duration)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var script = Path.Combine(Path.GetTempPath(), $"guidanceflow-bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script,
            "insert into bench_rows (data) values ('{\"stakeholder\":\"tom.hadley\",\"compliance\":\"Met\",\"practice\":\"Current practice for one recommendation.\"}');\n");
        try
        {
            var start = new ProcessStartInfo(Path.Combine(binaries, "pgbench")) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-h", c.Host!, "-p", c.Port.ToString(), "-U", c.Username!, "-n", "-c", clients.ToString(), "-j", "2",
                         "-T", ((int)Math.Max(1, duration.TotalSeconds)).ToString(), "-f", script, c.Database! })
                start.ArgumentList.Add(a);
            start.Environment["PGPASSWORD"] = c.Password;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = Tps().Match(output);
            if (process.ExitCode != 0 || !match.Success) throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {output}{error}");
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}

using GuidanceFlow.Api.Infrastructure;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>The cluster `dotnet run` starts when no connection string is configured.</summary>
public class LocalPostgresTests
{
    [Fact]
    public async Task The_app_cluster_keeps_its_data_across_restarts()
    {
        var root = Path.Combine(Path.GetTempPath(), "gf-persist-" + Guid.NewGuid().ToString("N")[..8], "postgres");
        try
        {
            await using (var first = await LocalPostgres.StartPersistentAsync(root))
            {
                await Execute(first.ConnectionString, "create table kept (note text); insert into kept values ('still here')");
            }

            await using var second = await LocalPostgres.StartPersistentAsync(root);
            await using var connection = new NpgsqlConnection(second.ConnectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("select note from kept", connection);
            Assert.Equal("still here", await read.ExecuteScalarAsync());
            // Loopback only.
            Assert.Equal("127.0.0.1", new NpgsqlConnectionStringBuilder(second.ConnectionString).Host);
        }
        finally
        {
            var parent = Path.GetDirectoryName(root)!;
            if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task A_throwaway_cluster_is_removed_when_stopped()
    {
        var pg = await LocalPostgres.StartThrowawayAsync();
        await Execute(pg.ConnectionString, "select 1");
        var port = pg.Port;
        await pg.DisposeAsync();

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Timeout = 2 }.ConnectionString);
        await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath()),
            d => Path.GetFileName(d).StartsWith("guidanceflow-pg-") && File.Exists(Path.Combine(d, "data", "postmaster.pid"))
                 && File.ReadAllText(Path.Combine(d, "data", "postmaster.pid")).Contains($"\n{port}\n"));
    }

    [Fact]
    public void Missing_server_binaries_fail_with_one_line_saying_how_to_install_them()
    {
        var error = Assert.Throws<LocalPostgresUnavailable>(() => LocalPostgres.FindBinaries(["/nonexistent/bin", "/tmp"]));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("apt-get install postgresql", error.Message);
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

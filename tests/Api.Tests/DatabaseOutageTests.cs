using System.Net;
using GuidanceFlow.Api.Infrastructure;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The database crashes under a running app (its own cluster, stopped in immediate mode, then
/// recovered on the same port): requests meanwhile are answered 503 with Retry-After — never 500 —
/// and write nothing; afterwards the app carries on by itself and nothing was dead-lettered.
/// </summary>
public class DatabaseOutageTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task While_the_database_is_down_requests_are_503_with_retry_after_and_afterwards_the_app_carries_on()
    {
        // Durable: a crash must lose nothing that was acknowledged.
        await using var pg = await LocalPostgres.StartThrowawayAsync(durable: true);
        await using var gf = await AppProcess.StartAsync(pg.ConnectionString, App.Smtp);
        var api = new Api(gf.Client);
        var view = await api.ReviewInWindow("tom.hadley", "sunil.mehta");
        object Answer(string compliance) => new { responses = new[] { Api.Answer("1.1.1", compliance) } };

        await pg.CrashAsync();
        foreach (var during in new[]
                 {
                     await api.Put("tom.hadley", $"/api/reviews/{view.Id}/responses/tom.hadley", Answer("Met")),
                     await api.Get(Api.Chair, $"/api/reviews/{view.Id}"),
                     await api.Post(Api.Chair, $"/api/reviews/{view.Id}/response-window/close"),
                 })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.NotNull(during.Headers.RetryAfter);
            Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        }

        await pg.RecoverAsync();
        var written = await Wait.Until(() => api.Put("tom.hadley", $"/api/reviews/{view.Id}/responses/tom.hadley", Answer("PartiallyMet")),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, "a write once the database is back");
        Assert.True(written.StatusCode == HttpStatusCode.OK, $"{(int)written.StatusCode} {await written.Content.ReadAsStringAsync()}");
        // Nothing from the outage was written: the only answer is the one after it.
        var history = await api.History(view.Id);
        Assert.Single(history, h => h.Type == "StakeholderResponseSubmitted");
        Assert.DoesNotContain(history, h => h.Type == "ResponseWindowClosed");

        // Queued work goes on: closing the window re-syncs the deadlines and mails the stakeholders.
        await api.CloseWindow(view.Id);
        await Wait.Until(() => Task.FromResult(App.Smtp.About(view.Id).Count(m => (m.Subject ?? "").Contains("collated response is ready"))),
            n => n == 2, "the collated response emails after the outage");
        Assert.Equal(0, await DeadLetters(pg.ConnectionString));
    }

    private static async Task<long> DeadLetters(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand(
            "select table_schema from information_schema.tables where table_name = 'wolverine_dead_letters'", connection);
        long total = 0;
        var schemas = new List<string>();
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
        Assert.NotEmpty(schemas);
        foreach (var schema in schemas)
        {
            await using var count = new NpgsqlCommand($"select count(*) from \"{schema}\".wolverine_dead_letters", connection);
            total += (long)(await count.ExecuteScalarAsync())!;
        }
        return total;
    }
}

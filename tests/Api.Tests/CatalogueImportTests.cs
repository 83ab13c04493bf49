using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Workflows.Catalogue;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wolverine;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The import from NICE, against <see cref="FakeNice"/> and the app's PostgreSQL: each product recorded in its
/// own transaction, a second run appending nothing, failures kept with their reasons, a refused key stopping the run.
/// </summary>
public class CatalogueImportTests(AppFixture app) : IntegrationTest(app), IAsyncLifetime
{
    private FakeNice _nice = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _nice = await FakeNice.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await _nice.DisposeAsync();

    private async Task<CatalogueImportRun> Import(string? key = FakeNice.Key)
    {
        using var scope = Host.Services.CreateScope();
        var import = new CatalogueImport(_nice.Client(key), scope.ServiceProvider.GetRequiredService<IMessageBus>(),
            Host.Services.GetRequiredService<IDocumentStore>(), TimeProvider.System, NullLogger<CatalogueImport>.Instance);
        return await import.RunAsync("test", CancellationToken.None);
    }

    [Fact]
    public async Task Products_are_imported_once_and_a_malformed_or_missing_document_is_a_failure_with_its_reason()
    {
        _nice.Documents["NG9003"] = "malformed.json";
        _nice.Documents["NG9004"] = null;
        var first = await Import();
        Assert.Equal((CatalogueImportOutcome.CompletedWithFailures, 4, 2, 0, 0), (first.Outcome, first.Products, first.New, first.Updated, first.Unchanged));
        Assert.Equal(["NG9003", "NG9004"], first.Failures.Select(f => f.GuidanceNumber).Order());
        Assert.Contains("LastModified 'last Tuesday' is not a date.", first.Failures.Single(f => f.GuidanceNumber == "NG9003").Reason);
        var events = await AllEventsCount();

        var second = await Import();
        Assert.Equal((2, 0), (second.Unchanged, second.New));
        Assert.Equal(events, await AllEventsCount());

        var status = await Api.Read<CatalogueImportStatus>(await Api.Get("amara.okafor", "/api/catalogue/import"));
        Assert.Equal([second.Id, first.Id], status.Runs.Select(r => r.Id));
        Assert.False(status.Enabled); // the shared test app has no key: its schedule is off, "check now" says so
    }

    [Fact]
    public async Task A_product_nice_stops_listing_is_recorded_as_withdrawn_and_an_administrator_can_say_what_replaced_it()
    {
        var first = await Import();
        Assert.Equal((2, 0), (first.New, first.Withdrawn));
        _nice.Documents.Remove("TA9002");
        var second = await Import();
        Assert.Equal((1, 1), (second.Unchanged, second.Withdrawn));
        var ta = await Api.Read<CatalogueProduct>(await Api.Get("tom.hadley", "/api/catalogue/TA9002"));
        Assert.Equal(GuidanceProductStatus.Withdrawn, ta.Product.Status);
        Assert.Equal(0, (await Import()).Withdrawn); // withdrawn once

        // By hand: a catalogue administrator records NG9001 withdrawn and replaced; others may not.
        await Api.Problem(await Api.Post("tom.hadley", "/api/catalogue/NG9001/withdrawal", new { replacedBy = "NG9010" }), 403);
        await Api.Problem(await Api.Post(Api.Chair, "/api/catalogue/NG9001/withdrawal", new { replacedBy = "not a number" }), 400);
        await Api.Problem(await Api.Post(Api.Chair, "/api/catalogue/NG9999/withdrawal", new { }), 404);
        var ng = await Api.Read<CatalogueProduct>(await Api.Post(Api.Chair, "/api/catalogue/NG9001/withdrawal", new { replacedBy = "ng9010" }));
        Assert.Equal((GuidanceProductStatus.Withdrawn, "NG9010"), (ng.Product.Status, ng.Product.ReplacedBy));
        // A withdrawn product takes no new version.
        var refused = await Api.Problem(await Api.AddToCatalogue(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", "ng9001-v1.json"))
            .Replace("/Date(1682502323341+0100)/", "/Date(1710000000000+0000)/")), 409);
        Assert.Contains("replaced by NG9010", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_refused_key_fails_the_run_with_the_reason_and_records_nothing()
    {
        var before = await AllEventsCount();
        var run = await Import(key: "not-the-licence-key");
        Assert.Equal(CatalogueImportOutcome.Failed, run.Outcome);
        Assert.Contains("refused the API key", run.Fault);
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task Check_now_and_the_status_are_for_catalogue_administrators_and_say_when_import_is_off()
    {
        var off = await Api.Problem(await Api.Post("amara.okafor", "/api/catalogue/import"), 409);
        Assert.Contains("Nice__ApiKey", off.GetProperty("detail").GetString());
        await Api.Problem(await Api.Post("tom.hadley", "/api/catalogue/import"), 403);
        await Api.Problem(await Api.Get("rachel.stone", "/api/catalogue/import"), 403);
    }
}

/// <summary>
/// The app as deployed with a NICE key (its own process and database, pointed at <see cref="FakeNice"/>):
/// the scheduled import is stored in Quartz for 06:00 UK time, and "check now" runs the import at once.
/// </summary>
public class CatalogueImportScheduleTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task With_a_key_the_import_is_scheduled_daily_in_uk_time_and_check_now_runs_it()
    {
        await using var nice = await FakeNice.StartAsync();
        await using var pg = await GuidanceFlow.Api.Infrastructure.LocalPostgres.StartThrowawayAsync();
        await using var gf = await AppProcess.StartAsync(pg.ConnectionString, null, extraEnvironment: new()
        {
            ["Nice__BaseUrl"] = nice.Address, ["Nice__ApiKey"] = FakeNice.Key, ["Nice__FirstRetryDelay"] = "00:00:00.010",
        });
        var api = new Api(gf.Client);

        Assert.Equal(1, await TestDatabase.CountAsync(pg.ConnectionString,
            "select count(*) from qrtz_cron_triggers where cron_expression = '0 0 6 * * ?' and time_zone_id = 'Europe/London'"));
        var before = await Api.Read<CatalogueImportStatus>(await api.Get("amara.okafor", "/api/catalogue/import"));
        Assert.True(before.Enabled);
        Assert.Empty(before.Runs);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.Post("amara.okafor", "/api/catalogue/import")).StatusCode);
        var after = await Wait.Until(async () => await Api.Read<CatalogueImportStatus>(await api.Get("amara.okafor", "/api/catalogue/import")),
            s => s.Runs.Count > 0, "the import started by check now to finish");
        var run = after.Runs.Single();
        Assert.Equal((CatalogueImportOutcome.Succeeded, 2, "check now by amara.okafor"), (run.Outcome, run.New, run.Trigger));
        Assert.Equal(2, (await Api.Read<CataloguePage>(await api.Get("tom.hadley", "/api/catalogue"))).Total);
    }
}

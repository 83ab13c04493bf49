using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using GuidanceFlow.Workflows.Catalogue;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Versions of a NICE product recorded through the app's command path against PostgreSQL: one stream per
/// product, its current version stored with its events, a document recorded once however often it arrives.
/// </summary>
public class CatalogueRecordingTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly Actor Importer = new("nice-import", "NICE import", "GuidanceFlow", "Import");

    private static GuidanceDocument Fixture() =>
        NiceDocuments.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", "ng9001-v1.json"))).Document!;

    private async Task<CatalogueVersionRecorded> Record(GuidanceDocument document)
    {
        using var scope = Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>()
            .InvokeAsync<CatalogueVersionRecorded>(new RecordGuidanceVersion(document, "upload", Importer));
    }

    private async Task<(IReadOnlyList<object> Events, GuidanceProduct? Stored)> Product(string number)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var id = GuidanceProduct.IdFor(number);
        return ((await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList(), await session.LoadAsync<GuidanceProduct>(id));
    }

    [Fact]
    public async Task A_document_is_recorded_once_and_a_new_version_with_its_changes()
    {
        var first = Fixture();
        Assert.Equal((1, true), ((await Record(first)).Version, (await Product("NG9001")).Events.Count == 1));
        var again = await Record(Fixture());
        Assert.Equal((1, false), (again.Version, again.Appended));
        Assert.Single((await Product("NG9001")).Events);

        var next = first with
        {
            LastModified = first.LastModified.AddDays(30),
            Recommendations = [.. first.Recommendations, CatalogueRecommendation.From("3.1", "Offer a jug of water within reach in every room. [2024]")],
        };
        var updated = await Record(next);
        Assert.Equal((2, true), (updated.Version, updated.Appended));
        var (events, stored) = await Product("NG9001");
        Assert.Equal([new RecommendationChange(RecommendationChangeKind.Added, "3.1")], Assert.IsType<GuidanceProductUpdated>(events[^1]).Changes);
        Assert.Equal((2, 6), (stored!.Version, stored.Recommendations.Count));
    }

    [Fact]
    public async Task A_refused_document_appends_nothing_and_catalogue_streams_stay_out_of_the_review_views()
    {
        await Record(Fixture());
        var before = await AllEventsCount();
        var bad = Fixture() with { GuidanceNumber = "NG9001", Recommendations = [CatalogueRecommendation.From("1", "Offer water.")] };
        var refused = await Assert.ThrowsAsync<CatalogueCommandRejected>(() => Record(bad with { LastModified = bad.LastModified.AddDays(1) }));
        Assert.Contains("'1' is not a recommendation number", refused.Message);
        Assert.Equal(before, await AllEventsCount());

        await ViewsCaughtUp();
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Null(await session.LoadAsync<RegisterEntry>(GuidanceProduct.IdFor("NG9001")));
        Assert.Null(await session.LoadAsync<Review>(GuidanceProduct.IdFor("NG9001")));
    }
}

using GuidanceFlow.Api.Infrastructure;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Tests;

public class DemoDataTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Seeding_loads_copd_in_its_window_and_tuberculosis_decided_once()
    {
        await DemoData.SeedAsync(Host.Services, TextWriter.Null);
        await DemoData.SeedAsync(Host.Services, TextWriter.Null); // a second run changes nothing

        var copd = await Api.View(DemoData.CopdReviewId);
        Assert.Equal(("NG115", ReviewStatus.AwaitingResponses), (copd.GuidanceId, copd.Status));
        Assert.InRange(copd.InvitedCount, 8, 12);
        Assert.Superset(new HashSet<Sector> { Sector.Primary, Sector.Secondary, Sector.Community, Sector.Commissioner },
            new HashSet<Sector>(copd.Stakeholders.Select(s => s.Sector)));
        Assert.True(copd.RespondedCount > 0 && copd.RespondedCount < copd.InvitedCount);

        var tb = await Api.View(DemoData.TuberculosisReviewId);
        Assert.Equal(("NG33", ReviewStatus.Decided), (tb.GuidanceId, tb.Status));
        Assert.Equal(DecisionOutcome.ImplementWithLocalVariation, tb.Decision!.Outcome);
        Assert.NotNull(tb.FinancialImpact);
        Assert.NotEmpty(tb.NotResponded);

        Assert.Equal(2, (await Api.History(DemoData.CopdReviewId)).Count(h => h.Type == "GuidanceReviewOpened")
                        + (await Api.History(DemoData.TuberculosisReviewId)).Count(h => h.Type == "GuidanceReviewOpened"));
    }
}

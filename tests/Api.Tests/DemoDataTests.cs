using GuidanceFlow.Api.Infrastructure;
using GuidanceFlow.Domain.Reviews;
using Microsoft.Extensions.DependencyInjection;

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

public class DemoHistoryTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Seeding_gives_the_demo_groups_two_years_of_decided_reviews_that_benchmarking_shows_by_quarter_each_chained()
    {
        await DemoData.SeedAsync(Host.Services, TextWriter.Null);
        await DemoData.SeedAsync(Host.Services, TextWriter.Null); // a second run changes nothing
        await ViewsCaughtUp();

        var dashboard = await Api.Read<GuidanceFlow.Api.Benchmarking.GroupDashboard>(
            await Api.Get(Api.Chair, $"/api/benchmarking/groups/{Uri.EscapeDataString(GuidanceFlow.Api.Identity.DemoUsers.Group)}"));
        var days = dashboard.Measures.Single(m => m.Measure == GuidanceFlow.Domain.Benchmarking.Measure.DaysToDecision);
        var england = days.OverTime.Select(q => q.Levels.Single(l => l.Kind == GuidanceFlow.Domain.Benchmarking.LevelKind.England)).ToList();
        // Eight products, one a quarter, decided by five groups at their own pace: quarter after quarter holds England's figure.
        Assert.True(england.Count(l => l.Value is not null) >= 4, string.Join(", ", england.Select(l => $"{l.Groups}:{l.Value}")));
        Assert.Equal(5, days.Levels.Single(l => l.Kind == GuidanceFlow.Domain.Benchmarking.LevelKind.England).Groups);

        var review = GuidanceFlow.Api.Infrastructure.DemoHistory.ReviewId("Westvale NICE implementation group", "NG80");
        var verified = await GuidanceFlow.Workflows.Audit.AuditChain.VerifyAsync(Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), "guidanceflow", review,
            CancellationToken.None);
        Assert.True(verified.Intact, verified.FirstBreak?.Reason);
        Assert.Equal(ReviewStatus.Decided, (await Api.Read<GuidanceFlow.Projections.Reviews.ReviewView>(await Api.Get("wendy.shaw", $"/api/reviews/{review}"))).Status);
    }
}

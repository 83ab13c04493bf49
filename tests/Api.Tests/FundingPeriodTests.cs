using System.Net;
using System.Text;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>A technology appraisal's funding period comes from the appraisal (30 days where it says so, else 90); the chair can set it.</summary>
public class FundingPeriodTests(AppFixture app) : IntegrationTest(app)
{
    private const string Chair = "amara.okafor";

    [Fact]
    public async Task An_appraisal_that_says_30_days_gets_a_30_day_funding_deadline_and_the_chair_can_set_another_with_a_reason()
    {
        var issued = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-5));
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", "ta9002.json"))
            .Replace("\"2025-06-04T00:00:00+01:00\"", $"\"{issued:yyyy-MM-dd}\"");
        Assert.Equal(HttpStatusCode.Created, (await Api.AddToCatalogue(json)).StatusCode);
        Assert.Equal(30, (await Api.Read<CatalogueProduct>(await Api.Get(Chair, "/api/catalogue/TA9002"))).Product.FundingDays);

        var review = await Api.OpenReview("TA9002", type: "TA", title: "Examplumab", publishedOn: issued.ToString("yyyy-MM-dd"));
        var due = UkTime.At(issued.AddDays(30), new TimeOnly(9, 0));
        await Wait.Until(async () => await Api.Read<List<DeadlineView>>(await Api.Get(Chair, $"/api/reviews/{review.Id}/deadlines")),
            d => d.Count == 3 && d.All(x => x.DueAt == due), "the 30-day funding deadline with its two warnings");

        await Api.Problem(await Api.Post(Chair, $"/api/reviews/{review.Id}/funding-period", new { days = 90, reason = "" }), 400);
        await Api.Problem(await Api.Post("rachel.stone", $"/api/reviews/{review.Id}/funding-period", new { days = 90, reason = "x" }), 403);
        var set = await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{review.Id}/funding-period",
            new { days = 90, reason = "NICE confirmed the usual 90 days apply" }));
        var later = UkTime.At(issued.AddDays(90), new TimeOnly(9, 0));
        var deadlines = await Wait.Until(async () => await Api.Read<List<DeadlineView>>(await Api.Get(Chair, $"/api/reviews/{review.Id}/deadlines")),
            d => d.Count == 3 && d.All(x => x.DueAt == later), "the deadline and warnings to follow the new period");
        Assert.Equal([issued.AddDays(60), issued.AddDays(80), issued.AddDays(90)],
            deadlines.Select(d => DateOnly.FromDateTime(UkTime.ToUk(d.FiresAt).DateTime)));
        Assert.Equal("FundingPeriodSet", (await Api.History(set.Id)).Last().Type);

        // A guideline has no funding period.
        var guideline = await Api.OpenReview("NG9005");
        Assert.Contains("Only a technology appraisal", (await Api.Problem(await Api.Post(Chair, $"/api/reviews/{guideline.Id}/funding-period",
            new { days = 30, reason = "x" }), 409)).GetProperty("detail").GetString());
    }
}

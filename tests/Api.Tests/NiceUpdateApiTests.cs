using System.Net;
using System.Text;
using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Catalogue;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// NICE updates guidance a review is on: the review says so, with the change per recommendation, and the
/// chair applies the update to the grid — answers to unchanged recommendations stay, a renumbered one's
/// answers follow it, a reworded one's are set aside.
/// </summary>
public class NiceUpdateApiTests(AppFixture app) : IntegrationTest(app)
{
    private const string Chair = "amara.okafor";
    internal static readonly string Queue = $"/api/groups/{Uri.EscapeDataString(DemoUsers.Group)}/triage";

    internal static string Version1() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", "ng9001-v1.json"))
            .Replace("\"/Date(1552003200000+0000)/\"", $"\"{DateTime.UtcNow.AddDays(-10):yyyy-MM-dd}\"");

    /// <summary>Version 2: 1.1.2 reworded, 2.1 renumbered 2.2 with the same words.</summary>
    internal static string Version2() => Version1()
        .Replace("/Date(1682502323341+0100)/", "/Date(1710000000000+0000)/")
        .Replace("Consider a coloured cup", "Consider a brightly coloured cup")
        .Replace("""<span class=\"paragraph-number\">2.1</span>""", """<span class=\"paragraph-number\">2.2</span>""");

    private async Task Record(string json) => Assert.Equal(HttpStatusCode.Created, (await Api.AddToCatalogue(json)).StatusCode);

    [Fact]
    public async Task The_chair_applies_nices_update_and_answers_follow_unchanged_and_renumbered_recommendations()
    {
        await Record(Version1());
        await Wait.Until(async () => await Api.Read<TriagePage>(await Api.Get(Chair, Queue)), p => p.Total == 1, "NG9001 in the queue");
        await Api.Read<TriageRow>(await Api.Post(Chair, $"{Queue}/NG9001", new
        {
            outcome = "Relevant", services = new[] { "Care homes" }, clinicalLead = "Joan Petrie", managerialLead = "Lucy Hart",
        }));
        var review = await Api.Read<ReviewView>(await Api.Post(Chair, $"{Queue}/NG9001/review"), HttpStatusCode.Created);
        Assert.Equal(1, review.CatalogueVersion);
        await Api.Invite(review.Id, "tom.hadley");
        await Api.OpenWindow(review.Id);
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"), Api.Answer("1.1.2", "NotMet"), Api.Answer("2.1", "PartiallyMet"));
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Get("tom.hadley", $"/api/reviews/{review.Id}/nice-update")).StatusCode);

        await Record(Version2());
        var notice = await Api.Read<NiceUpdateNotice>(await Api.Get("tom.hadley", $"/api/reviews/{review.Id}/nice-update"));
        Assert.Equal((1, 2, NiceUpdateAction.Apply), (notice.FromVersion, notice.ToVersion, notice.Action));
        Assert.Equal("NICE updated NG9001 on 9 March 2024: 1 recommendation changed, 1 renumbered", notice.Headline);

        var before = await AllEventsCount();
        await Api.Problem(await Api.Post("tom.hadley", $"/api/reviews/{review.Id}/nice-update"), 403);
        Assert.Equal(before, await AllEventsCount());

        var applied = await Api.Read<ReviewView>(await Api.Post(Chair, $"/api/reviews/{review.Id}/nice-update"));
        Assert.Equal(2, applied.CatalogueVersion);
        Assert.Equal(["1.1.1", "1.1.2", "1.1.4.2", "2.2"], applied.Recommendations.Select(r => r.Number));
        Compliance? Answer(string number) =>
            applied.Responses.Where(r => r.Response.RecommendationNumber == number).Select(r => (Compliance?)r.Response.Compliance).SingleOrDefault();
        Assert.Equal(Compliance.Met, Answer("1.1.1"));          // unchanged: stays
        Assert.Equal(Compliance.PartiallyMet, Answer("2.2"));   // renumbered: follows it
        Assert.Null(Answer("1.1.2"));                            // reworded: set aside for a fresh answer
        Assert.Equal("1 recommendation changed, 1 renumbered", applied.NiceUpdates.Single().Summary);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Get(Chair, $"/api/reviews/{review.Id}/nice-update")).StatusCode);

        // Nothing left to follow: a second request is refused and appends nothing.
        var count = await AllEventsCount();
        Assert.Contains("already on NICE's latest version", (await Api.Problem(await Api.Post(Chair, $"/api/reviews/{review.Id}/nice-update"), 409))
            .GetProperty("detail").GetString());
        Assert.Equal(count, await AllEventsCount());
        // Tom answers the reworded recommendation again under the same number.
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.2", "Met"));
    }

    [Fact]
    public async Task A_review_typed_in_for_guidance_the_catalogue_has_is_on_its_current_version_and_one_it_lacks_on_none()
    {
        await Record(Version1());
        var typed = await Api.OpenReview("NG9001", title: "Hydration in care homes");
        Assert.Equal(1, typed.CatalogueVersion);
        var unknown = await Api.OpenReview("NG9876");
        Assert.Null(unknown.CatalogueVersion);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Get(Chair, $"/api/reviews/{unknown.Id}/nice-update")).StatusCode);
        await Api.Problem(await Api.Post(Chair, $"/api/reviews/{unknown.Id}/nice-update"), 409);
    }
}

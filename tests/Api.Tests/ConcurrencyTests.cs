using System.Net;

namespace GuidanceFlow.Api.Tests;

public class ConcurrencyTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Simultaneous_writes_on_one_review_never_fail_with_500_and_every_accepted_one_is_kept()
    {
        var users = new[] { "tom.hadley", "priya.nair", "gareth.lewis", "hannah.moss", "joan.petrie", "sunil.mehta", "claire.baxter", "ade.adeyemi" };
        var view = await Api.ReviewInWindow(users);

        var responses = await Task.WhenAll(users.Select(u =>
            Api.Put(u, $"/api/reviews/{view.Id}/responses/{u}", new { responses = new[] { Api.Answer("1.1.1", "Met") } })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.True(accepted >= 1);

        var history = await Api.History(view.Id);
        Assert.Equal(accepted, history.Count(h => h.Type == "StakeholderResponseSubmitted"));
        Assert.Equal(accepted, (await Api.View(view.Id)).RespondedCount);
    }
}

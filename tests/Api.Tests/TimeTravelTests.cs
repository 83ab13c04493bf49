using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Time travel on a long review starts from the nearest stored snapshot (every hundredth version) and
/// replays at most a hundred events — and answers exactly what a replay from the first event gives.
/// </summary>
public class TimeTravelTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_past_version_or_moment_from_a_snapshot_is_the_same_as_replaying_from_the_start()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta"); // versions 1-4
        for (var round = 0; round < 125; round++)                            // 5-254
        {
            await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", round % 2 == 0 ? "Met" : "NotMet"));
            await Api.Respond(review.Id, "sunil.mehta", Api.Answer("1.2.1", round % 3 == 0 ? "PartiallyMet" : "Met", barriers: $"Round {round}"));
        }
        await ViewsCaughtUp();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using (var query = store.QuerySession())
            Assert.Equal([100L, 200L], (await query.Query<ReviewViewSnapshot>().Where(s => s.ReviewId == review.Id).ToListAsync())
                .Select(s => s.Version).Order());

        var history = await Api.History(review.Id);
        var asks = new[] { 1L, 99, 100, 101, 150, 200, 201, 254 }.Select(v => $"version={v}")
            .Concat(new[] { 120, 230 }.Select(v => $"asOf={Uri.EscapeDataString(history[v - 1].Timestamp.ToString("O"))}")).ToList();
        async Task<List<string>> Answers()
        {
            var answers = new List<string>();
            foreach (var ask in asks)
            {
                var response = await Api.Get(Api.Chair, $"/api/reviews/{review.Id}?{ask}");
                Assert.True(response.IsSuccessStatusCode, ask);
                answers.Add(await response.Content.ReadAsStringAsync());
            }
            return answers;
        }

        var fromSnapshots = await Answers();
        await using (var session = store.LightweightSession())
        {
            session.DeleteWhere<ReviewViewSnapshot>(s => s.ReviewId == review.Id);
            await session.SaveChangesAsync();
        }
        var fromTheStart = await Answers();
        for (var i = 0; i < asks.Count; i++) Assert.True(fromSnapshots[i] == fromTheStart[i], asks[i]);
        Assert.Contains("\"version\":150", fromSnapshots[4]);
        await Api.Problem(await Api.Get(Api.Chair, $"/api/reviews/{review.Id}?version=255"), 404);
    }
}

using GuidanceFlow.Api.Infrastructure;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections;
using GuidanceFlow.Workflows.Audit;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The review's write model is stored with its events (one row read per command, not the stream),
/// carries the last link of the audit chain, and is put in place at start-up for reviews written
/// before it was stored.
/// </summary>
public class WriteModelTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<Review?> Stored(Guid id)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<Review>(id);
    }

    private async Task<(long Version, string Hash)> LastEvent(Guid id)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var last = events[^1];
        return (last.Version, ChainHeaders.HashOf(last) ?? "");
    }

    [Fact]
    public async Task Every_write_stores_the_state_the_events_fold_to_with_the_last_link_of_the_chain()
    {
        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));

        var stored = await Stored(view.Id);
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var folded = (await session.Events.FetchStreamAsync(view.Id)).Select(e => e.Data).Aggregate((Review?)null, Review.Evolve)!;
        Assert.NotNull(stored);
        Assert.Equal(folded.Progress, stored.Progress);
        Assert.Equal(folded.Revisions.OrderBy(r => r.Key), stored.Revisions.OrderBy(r => r.Key));
        Assert.Equal(folded.Stakeholders.Select(s => s.StakeholderId), stored.Stakeholders.Select(s => s.StakeholderId));
        var (_, hash) = await LastEvent(view.Id);
        Assert.NotEmpty(hash);
        Assert.Equal(hash, stored.ChainHead);
    }

    [Fact]
    public async Task A_review_written_before_the_write_model_was_stored_gets_it_at_start_up_and_its_chain_goes_on()
    {
        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));
        // As a database from before: events, but no stored write model.
        await using (var connection = new NpgsqlConnection(App.Postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("delete from guidanceflow.mt_doc_review where id = @id", connection);
            command.Parameters.AddWithValue("id", view.Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        Assert.Null(await Stored(view.Id));

        await ActivatorUtilities.CreateInstance<WriteModelBackfill>(Host.Services).StartAsync(CancellationToken.None);

        var stored = await Stored(view.Id);
        Assert.NotNull(stored);
        Assert.Equal((await LastEvent(view.Id)).Hash, stored.ChainHead);
        await Api.Respond(view.Id, "sunil.mehta", Api.Answer("1.1.1", "NotMet"));
        var verified = await Api.Read<ChainVerification>(await Api.Get("rachel.stone", $"/api/reviews/{view.Id}/verify"));
        Assert.True(verified.Intact);
        Assert.Equal((await LastEvent(view.Id)).Version, verified.EventsChecked);
    }
}

/// <summary>
/// A write answers with the shared view without reading it back (the view the access check read,
/// brought forward by the appended events): it must be exactly the view a read by the same person then returns
/// (before the collated response is shared, a stakeholder's holds only their own answers).
/// </summary>
public class WriteAnswerTests(AppFixture app) : IntegrationTest(app)
{
    private async Task SameAsRead(HttpResponseMessage write, Guid id, string reader = Api.Chair)
    {
        Assert.True(write.IsSuccessStatusCode, await write.Content.ReadAsStringAsync());
        var written = System.Text.Json.Nodes.JsonNode.Parse(await write.Content.ReadAsStringAsync());
        var read = await Api.Get(reader, $"/api/reviews/{id}");
        Assert.Equal(read.Headers.ETag?.Tag, write.Headers.ETag?.Tag);
        var stored = System.Text.Json.Nodes.JsonNode.Parse(await read.Content.ReadAsStringAsync());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(written, stored),
            $"The write answered\n{written}\nbut a read then returned\n{stored}");
    }

    [Fact]
    public async Task Every_kind_of_write_answers_with_the_view_a_read_then_returns()
    {
        var view = await Api.OpenReview();
        var id = view.Id;
        await SameAsRead(await Api.Post(Api.Chair, $"/api/reviews/{id}/grid", new
        {
            recommendations = new[] { new { number = "1.1.1", text = "Offer a paraphrased thing", settings = new[] { "Primary care" } },
                                      new { number = "1.2.1", text = "Consider another thing", settings = new[] { "Hospital" } } },
        }), id);
        await Api.Invite(id, "tom.hadley", "sunil.mehta");
        await SameAsRead(await Api.Post(Api.Chair, $"/api/reviews/{id}/response-window", new { deadline = DateTimeOffset.UtcNow.AddDays(20) }), id);
        await SameAsRead(await Api.Put("tom.hadley", $"/api/reviews/{id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met"), Api.Answer("1.2.1", "PartiallyMet", barriers: "Rotas") } }), id, "tom.hadley");
        await SameAsRead(await Api.Put("sunil.mehta", $"/api/reviews/{id}/responses/sunil.mehta",
            new { responses = new[] { Api.Answer("1.1.1", "NotMet", barriers: "No clinic", recurrent: 1200m) } }), id, "sunil.mehta");
        // An amendment replaces the earlier answer in the collated view.
        await SameAsRead(await Api.Put("tom.hadley", $"/api/reviews/{id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.2.1", "Met") } }), id, "tom.hadley");
        await SameAsRead(await Api.Post(Api.Chair, $"/api/reviews/{id}/response-window/close"), id);
    }
}

using System.Net;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Projections.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Idempotency-Key: a client that cannot tell whether its write happened (a dropped connection, a
/// crash, a 5xx) repeats it with the same key, and gets the first answer without a second write.
/// </summary>
public class IdempotencyTests(AppFixture app) : IntegrationTest(app)
{
    private static object NewReview => new
    {
        guidanceId = "NG136", guidanceType = "NG", title = "Hypertension in adults", publishedOn = "2019-08-28", group = DemoUsers.Group,
    };

    [Fact]
    public async Task Three_identical_review_openings_with_one_key_make_one_review_and_three_identical_answers()
    {
        var key = Guid.NewGuid().ToString();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) answers.Add(await Api.Send(Api.Chair, HttpMethod.Post, "/api/reviews", NewReview, idempotencyKey: key));

        var first = await Api.Read<ReviewView>(answers[0], HttpStatusCode.Created);
        foreach (var repeat in answers.Skip(1))
        {
            Assert.Equal(first.Id, (await Api.Read<ReviewView>(repeat, HttpStatusCode.Created)).Id);
            Assert.Equal(answers[0].Headers.Location, repeat.Headers.Location);
            Assert.Equal(answers[0].Headers.ETag, repeat.Headers.ETag);
            Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        }
        Assert.False(answers[0].Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await AllEventsCount());

        // Without a key, each request is a new one: the same opening again is a second review of the guidance, refused.
        Assert.Contains($"/reviews/{first.Id}", (await Api.Problem(await Api.Post(Api.Chair, "/api/reviews", NewReview), 409)).GetProperty("detail").GetString());
        Assert.Equal(1, await AllEventsCount());
    }

    [Fact]
    public async Task Identical_parallel_submissions_with_one_key_append_one_revision()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var key = Guid.NewGuid().ToString();
        var path = $"/api/reviews/{review.Id}/responses/tom.hadley";
        var body = new { responses = new[] { Api.Answer("1.1.1", "Met") } };
        var before = await AllEventsCount();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Api.Send("tom.hadley", HttpMethod.Put, path, body, idempotencyKey: key)));
        // Each either ran it, gave its answer again, or was told the first is still running (409, retry).
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(before + 1, await AllEventsCount());

        var again = await Api.Read<ReviewView>(await Api.Send("tom.hadley", HttpMethod.Put, path, body, idempotencyKey: key));
        Assert.Equal(before + 1, await AllEventsCount());
        Assert.Equal(1, Assert.Single(again.Responses, r => r.StakeholderId == "tom.hadley").Revision);
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_refused_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        await Api.Read<ReviewView>(await Api.Send(Api.Chair, HttpMethod.Post, "/api/reviews", NewReview, idempotencyKey: key), HttpStatusCode.Created);
        var other = new { guidanceId = "NG28", guidanceType = "NG", title = "Type 2 diabetes in adults", publishedOn = "2015-12-02", group = DemoUsers.Group };
        var problem = await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, "/api/reviews", other, idempotencyKey: key), 422);
        Assert.Contains("different request", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await AllEventsCount());

        // Keys are each user's own: the same key from someone else is a different request.
        var review = await Api.ReviewInWindow("tom.hadley");
        await Api.Read<ReviewView>(await Api.Send("tom.hadley", HttpMethod.Put, $"/api/reviews/{review.Id}/responses/tom.hadley",
            new { responses = new[] { Api.Answer("1.1.1", "Met") } }, idempotencyKey: key));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ключ")]
    public async Task A_malformed_key_is_refused_naming_the_header(string key)
    {
        var problem = await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, "/api/reviews", NewReview, idempotencyKey: key), 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await AllEventsCount());
    }

    [Fact]
    public async Task The_key_is_marked_in_the_writes_own_transaction_so_a_lost_answer_never_means_a_second_write()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        var path = $"/api/reviews/{review.Id}/responses/tom.hadley";
        var body = new { responses = new[] { Api.Answer("1.1.1", "Met") } };

        // A refused command writes nothing: its key is not marked (its final answer is kept, and given again).
        var refusedKey = Guid.NewGuid().ToString();
        await Api.Problem(await Api.Send("tom.hadley", HttpMethod.Put, path, new { responses = new[] { Api.Answer("9.9.9", "Met") } },
            idempotencyKey: refusedKey), 409);
        Assert.False(await Committed("tom.hadley", refusedKey));
        await Api.Problem(await Api.Send("tom.hadley", HttpMethod.Put, path, new { responses = new[] { Api.Answer("9.9.9", "Met") } },
            idempotencyKey: refusedKey), 409);

        var key = Guid.NewGuid().ToString();
        await Api.Read<ReviewView>(await Api.Send("tom.hadley", HttpMethod.Put, path, body, idempotencyKey: key));
        Assert.True(await Committed("tom.hadley", key));
        var after = await AllEventsCount();

        // The answer lost after the commit (as when the instance is killed in between): a repeat writes nothing and says so.
        await Sql("update guidanceflow.idempotent_requests set status = null, body = null where key = $1", key);
        var problem = await Api.Problem(await Api.Send("tom.hadley", HttpMethod.Put, path, body, idempotencyKey: key), 409);
        Assert.Contains("was committed", problem.GetProperty("detail").GetString());
        Assert.Equal(after, await AllEventsCount());

        // A reservation held by a request still running is not run twice (409, retry); one abandoned before
        // anything committed (its instance died first) is taken over after 30 seconds.
        // (The row is made as such a request leaves it: reserved, nothing committed, no answer yet.)
        var running = Guid.NewGuid().ToString();
        var other = new { responses = new[] { Api.Answer("1.2.1", "Met") } };
        await Api.Problem(await Api.Send("tom.hadley", HttpMethod.Put, path, other, idempotencyKey: running, ifMatch: "\"1\""), 409);
        await Sql("update guidanceflow.idempotent_requests set status = null, body = null, created_at = now() where key = $1", running);
        var busy = await Api.Send("tom.hadley", HttpMethod.Put, path, other, idempotencyKey: running, ifMatch: "\"1\"");
        Assert.Contains("still being processed", (await Api.Problem(busy, 409)).GetProperty("detail").GetString());
        Assert.Equal("1", busy.Headers.RetryAfter?.ToString());
        Assert.Equal(after, await AllEventsCount());
        await Sql("update guidanceflow.idempotent_requests set created_at = now() - interval '31 seconds' where key = $1", running);
        // Taken over, it runs again (here again refused as stale: the answer a first run would have had).
        var rerun = await Api.Problem(await Api.Send("tom.hadley", HttpMethod.Put, path, other, idempotencyKey: running, ifMatch: "\"1\""), 409);
        Assert.Equal("The review has changed since you loaded it", rerun.GetProperty("title").GetString());
        Assert.Equal(after, await AllEventsCount());
        // A different If-Match is a different request.
        await Api.Problem(await Api.Send("tom.hadley", HttpMethod.Put, path, other, idempotencyKey: running, ifMatch: $"\"{after}\""), 422);
        Assert.Equal(after, await AllEventsCount());
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_the_header_on_every_write_and_on_no_read()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await (await Api.Get(Api.Chair, "/openapi/v1.json")).Content.ReadAsStringAsync());
        var writes = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/")))
        foreach (var operation in path.Value.EnumerateObject())
        {
            var declared = operation.Value.TryGetProperty("parameters", out var parameters)
                           && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key"
                                                                   && p.GetProperty("in").GetString() == "header");
            var isWrite = operation.Name is "post" or "put" or "patch" or "delete";
            Assert.True(isWrite == declared, $"{operation.Name} {path.Name}");
            if (isWrite) writes++;
        }
        Assert.True(writes >= 15, $"only {writes} writes found");
    }

    private async Task<bool> Committed(string user, string key)
    {
        await using var command = Host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select committed from guidanceflow.idempotent_requests where user_id = $1 and key = $2");
        command.Parameters.Add(new() { Value = user });
        command.Parameters.Add(new() { Value = key });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task Sql(string sql, string key)
    {
        await using var command = Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        command.Parameters.Add(new() { Value = key });
        await command.ExecuteNonQueryAsync();
    }
}

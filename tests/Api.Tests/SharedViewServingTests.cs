using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Infrastructure;
using GuidanceFlow.Api.Queries;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The shared view is served from bytes encoded once per version (JSON, gzip, brotli), checked against
/// a small access card rather than the whole view; the register sorts and filters on columns copied from
/// its rows. Each must answer exactly what the plain read did, and never an older version.
/// </summary>
public class SharedViewServingTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<(HttpResponseMessage Response, JsonNode Json)> GetView(Guid id, string? acceptEncoding, string user = Api.Chair)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reviews/{id}");
        request.Headers.Add(DevelopmentAuthenticationHandler.Header, user);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var http = Host.Server.CreateClient();
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsByteArrayAsync();
        Stream body = new MemoryStream(raw);
        var coding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        if (coding == "br") body = new BrotliStream(body, CompressionMode.Decompress);
        else if (coding == "gzip") body = new GZipStream(body, CompressionMode.Decompress);
        else Assert.Null(coding);
        return (response, JsonNode.Parse(body)!);
    }

    [Fact]
    public async Task The_view_compressed_with_brotli_or_gzip_is_the_same_json_as_uncompressed_and_says_it_varies()
    {
        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "PartiallyMet", barriers: "Clinic space"));

        var (plain, plainJson) = await GetView(view.Id, null);
        var (br, brJson) = await GetView(view.Id, "gzip, deflate, br");
        var (gzip, gzipJson) = await GetView(view.Id, "gzip");
        var (refused, refusedJson) = await GetView(view.Id, "br;q=0, gzip;q=0");

        Assert.Equal("br", br.Content.Headers.ContentEncoding.Single());
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
        Assert.Empty(refused.Content.Headers.ContentEncoding);
        foreach (var response in new[] { plain, br, gzip, refused })
        {
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(plain.Headers.ETag, response.Headers.ETag);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        foreach (var json in new[] { brJson, gzipJson, refusedJson }) Assert.True(JsonNode.DeepEquals(plainJson, json));
        Assert.Equal("PartiallyMet", plainJson["responses"]![0]!["response"]!["compliance"]!.GetValue<string>());

        // Only the shared view's JSON is compressed: pages, which carry antiforgery tokens, never are
        // (compressing a secret beside text an attacker chose is what BREACH-style attacks need).
        using var page = new HttpRequestMessage(HttpMethod.Get, $"/reviews/{view.Id}");
        page.Headers.Add(DevelopmentAuthenticationHandler.Header, Api.Chair);
        page.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        using var http = Host.Server.CreateClient();
        var pageResponse = await http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("__RequestVerificationToken", await pageResponse.Content.ReadAsStringAsync());
        Assert.Empty(pageResponse.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task After_a_write_the_next_read_shows_it_whatever_was_served_before()
    {
        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        var (before, _) = await GetView(view.Id, "br");
        var (_, beforeJson) = await GetView(view.Id, null, "tom.hadley");

        await Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "NotMet", barriers: "No staff"));

        foreach (var coding in new[] { "br", "gzip", null })
        {
            var (after, json) = await GetView(view.Id, coding);
            Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
            Assert.True(json["version"]!.GetValue<long>() > beforeJson["version"]!.GetValue<long>());
            Assert.Equal("NotMet", json["responses"]![0]!["response"]!["compliance"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_review_stored_before_access_cards_were_kept_gets_one_at_start_up_and_access_is_as_before()
    {
        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Execute("delete from guidanceflow.mt_doc_reviewaccesscard where id = @id", view.Id);
        // With no card the review reads as absent to everyone: the card is what access is decided on.
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Get("tom.hadley", $"/api/reviews/{view.Id}/deadlines")).StatusCode);

        await ActivatorUtilities.CreateInstance<WriteModelBackfill>(Host.Services).StartAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await Api.Get("tom.hadley", $"/api/reviews/{view.Id}/deadlines")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetView(view.Id, "br", "tom.hadley")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Get("margaret.ellis", $"/api/reviews/{view.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Get("ade.adeyemi", $"/api/reviews/{view.Id}/history")).StatusCode);
    }

    [Fact]
    public async Task An_access_card_from_before_it_kept_the_sharing_is_marked_shared_at_start_up()
    {
        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.CloseWindow(view.Id);
        Assert.Equal(HttpStatusCode.OK, (await Api.Get("tom.hadley", $"/api/reviews/{view.Id}/history")).StatusCode);
        // As a card stored before it kept whether the response was shared.
        await Execute("update guidanceflow.mt_doc_reviewaccesscard set data = data - 'Distributed' where id = @id", view.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.Get("tom.hadley", $"/api/reviews/{view.Id}/history")).StatusCode);

        await ActivatorUtilities.CreateInstance<WriteModelBackfill>(Host.Services).StartAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await Api.Get("tom.hadley", $"/api/reviews/{view.Id}/history")).StatusCode);
    }

    [Fact]
    public async Task Register_rows_from_before_the_sort_columns_were_kept_are_filled_at_start_up()
    {
        var first = await Api.ReviewInWindow("tom.hadley");
        var second = await Api.OpenReview("NG28", title: "Type 2 diabetes in adults");
        await ViewsCaughtUp();
        async Task<RegisterPage> Register() => await Api.Read<RegisterPage>(await Api.Get(Api.Chair, "/api/reviews?sort=guidance"));
        var before = await Register();
        Assert.Equal(2, before.Total);

        // As a database from before: the rows' JSON, but the columns the register filters on empty.
        await Execute("update guidanceflow.mt_doc_registerentry set \"group\" = null, opened_at = null, published_on = null, " +
                      "next_deadline = null, status = null, guidance_type = null, guidance_id = null, title = null where id = any(@ids)",
            new[] { first.Id, second.Id });
        Assert.Equal(0, (await Register()).Total);

        await ActivatorUtilities.CreateInstance<WriteModelBackfill>(Host.Services).StartAsync(CancellationToken.None);

        var after = await Register();
        Assert.Equal(before.Items.Select(r => (r.Id, r.Status, r.NextDeadline)), after.Items.Select(r => (r.Id, r.Status, r.NextDeadline)));
        Assert.Equal([first.Id], (await Api.Read<RegisterPage>(await Api.Get(Api.Chair, "/api/reviews?status=AwaitingResponses"))).Items.Select(r => r.Id));
    }

    private async Task Execute(string sql, object ids)
    {
        await using var connection = new NpgsqlConnection(App.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(sql.Contains("@ids") ? "ids" : "id", ids);
        await command.ExecuteNonQueryAsync();
    }
}

using GuidanceFlow.Api.Queries;
using System.Net.Http.Json;
using System.Text.Json;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Infrastructure;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>The HTTP API as a test drives it: JSON in and out, signed in as a demo user.</summary>
public sealed class Api(Func<HttpClient> client)
{
    public const string Chair = "amara.okafor";
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        GuidanceFlowSetup.ConfigureJson(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }

    public async Task<HttpResponseMessage> Send(string? user, HttpMethod method, string url, object? body = null, string? ifMatch = null,
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        if (user is not null) request.Headers.Add(DevelopmentAuthenticationHandler.Header, user);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is FileBody file)
        {
            request.Content = new ByteArrayContent(file.Bytes);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
        }
        else if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        using var http = client();
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Post(string user, string url, object? body = null, string? ifMatch = null) =>
        Send(user, HttpMethod.Post, url, body, ifMatch);

    public Task<HttpResponseMessage> Put(string user, string url, object body, string? ifMatch = null) =>
        Send(user, HttpMethod.Put, url, body, ifMatch);

    public Task<HttpResponseMessage> Get(string user, string url) => Send(user, HttpMethod.Get, url);

    public static async Task<T> Read<T>(HttpResponseMessage response, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    public static async Task<JsonElement> Problem(HttpResponseMessage response, int expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    // The steps of a review, each asserting success, for building "given" states.

    private int _opened;

    /// <summary>
    /// Opens a review as the chair. A group has one open review of a guidance at a time, so reviews opened
    /// without naming the guidance are of NG115, then NG116, NG117…
    /// </summary>
    public async Task<ReviewView> OpenReview(string? guidanceId = null, string type = "NG", string title = "COPD in over 16s",
        string publishedOn = "2018-12-05", string group = DemoUsers.Group)
    {
        guidanceId ??= $"NG{115 + Interlocked.Increment(ref _opened) - 1}";
        var response = await Post(Chair, "/api/reviews",
            new { guidanceId, guidanceType = type, title, publishedOn, group });
        var view = await Read<ReviewView>(response, System.Net.HttpStatusCode.Created);
        Assert.Equal($"/api/reviews/{view.Id}", response.Headers.Location?.ToString());
        return view;
    }

    /// <summary>A NICE structured document (JSON) added to the catalogue by its administrator, the chair; the answer as it came.</summary>
    public Task<HttpResponseMessage> AddToCatalogue(string json) => Post(Chair, "/api/catalogue/documents", json);

    public async Task<ReviewView> CreateGrid(Guid id, params string[] numbers) =>
        await Read<ReviewView>(await Post(Chair, $"/api/reviews/{id}/grid", new
        {
            recommendations = (numbers.Length == 0 ? ["1.1.1", "1.2.1", "1.3.1"] : numbers)
                .Select(n => new { number = n, text = $"Paraphrase of recommendation {n}", settings = new[] { "Primary care" } }),
        }));

    public async Task<ReviewView> Invite(Guid id, params string[] userIds) =>
        await Read<ReviewView>(await Post(Chair, $"/api/reviews/{id}/stakeholders", new
        {
            stakeholders = userIds.Select(u => DemoUsers.Get(u)).Select(u => new
            {
                stakeholderId = u.UserId, name = u.Name, email = u.Email, organisation = u.Organisation,
                sector = u.Sector.ToString(), discipline = u.Discipline.ToString(), organisationCode = u.OrganisationCode,
            }),
        }));

    public async Task<ReviewView> OpenWindow(Guid id, DateTimeOffset? deadline = null) =>
        await Read<ReviewView>(await Post(Chair, $"/api/reviews/{id}/response-window",
            new { deadline = deadline ?? DateTimeOffset.UtcNow.AddDays(28) }));

    public static object Answer(string number, string compliance, string? barriers = null, decimal? recurrent = null) =>
        new { recommendationNumber = number, compliance, currentPractice = $"Practice for {number}", barriers, estimatedRecurrentCost = recurrent };

    public async Task<ReviewView> Respond(Guid id, string user, params object[] answers) =>
        await Read<ReviewView>(await Put(user, $"/api/reviews/{id}/responses/{user}", new { responses = answers }));

    public async Task<ReviewView> CloseWindow(Guid id) =>
        await Read<ReviewView>(await Post(Chair, $"/api/reviews/{id}/response-window/close"));

    public async Task<ReviewView> ReviewInWindow(params string[] stakeholders)
    {
        var view = await OpenReview();
        await CreateGrid(view.Id);
        await Invite(view.Id, stakeholders.Length == 0 ? ["tom.hadley", "sunil.mehta", "joan.petrie"] : stakeholders);
        return await OpenWindow(view.Id);
    }

    public async Task<List<HistoryEntry>> History(Guid id) =>
        await Read<List<HistoryEntry>>(await Get(Chair, $"/api/reviews/{id}/history"));

    public async Task<ReviewView> View(Guid id) => await Read<ReviewView>(await Get(Chair, $"/api/reviews/{id}"));
}

/// <summary>A file sent as the request body itself, with its content type (a CSV, a workbook).</summary>
public sealed record FileBody(byte[] Bytes, string ContentType)
{
    public static FileBody Csv(string text) => new(System.Text.Encoding.UTF8.GetBytes(text), "text/csv");
}

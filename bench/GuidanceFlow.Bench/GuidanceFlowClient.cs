using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GuidanceFlow.Api.Identity;

namespace GuidanceFlow.Bench;

/// <summary>GuidanceFlow's HTTP API as the suite drives it: signed in as demo users through the development header.</summary>
public sealed class GuidanceFlowClient(Uri address) : IDisposable
{
    public const string Chair = "amara.okafor";

    /// <summary>Stakeholders of the demo group: one per concurrent writer on a shared review.</summary>
    public static readonly string[] Stakeholders =
        ["tom.hadley", "priya.nair", "gareth.lewis", "hannah.moss", "joan.petrie", "sunil.mehta", "claire.baxter", "ade.adeyemi"];

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = address, Timeout = TimeSpan.FromSeconds(120),
    };

    private async Task<JsonElement> Send(HttpMethod method, string user, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add(DevelopmentAuthenticationHandler.Header, user);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new RequestRefused((int)response.StatusCode, $"{method} {url} as {user}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A GET as <paramref name="user"/>, its JSON answer.</summary>
    public Task<JsonElement> GetAsync(string user, string url) => Send(HttpMethod.Get, user, url, null);

    /// <summary>A review in its response window, with a grid of <paramref name="recommendations"/> and the given stakeholders invited.</summary>
    public async Task<Guid> ReviewInWindowAsync(string guidanceId, int recommendations, IReadOnlyList<string> stakeholders)
    {
        var opened = await Send(HttpMethod.Post, Chair, "/api/reviews", new
        {
            guidanceId, guidanceType = "NG", title = $"Benchmark review {guidanceId}", publishedOn = "2024-01-10", group = DemoUsers.Group,
        });
        var id = opened.GetProperty("id").GetGuid();
        await Send(HttpMethod.Post, Chair, $"/api/reviews/{id}/grid", new
        {
            recommendations = Enumerable.Range(1, recommendations)
                .Select(n => new { number = $"1.{n / 10 + 1}.{n % 10 + 1}", text = $"Paraphrased recommendation {n} for the benchmark", settings = new[] { "Primary care" } }),
        });
        await Send(HttpMethod.Post, Chair, $"/api/reviews/{id}/stakeholders", new
        {
            stakeholders = stakeholders.Select(DemoUsers.Get).Select(u => new
            {
                stakeholderId = u.UserId, name = u.Name, email = u.Email, organisation = u.Organisation, sector = u.Sector.ToString(),
                discipline = u.Discipline.ToString(), organisationCode = u.OrganisationCode,
            }),
        });
        await Send(HttpMethod.Post, Chair, $"/api/reviews/{id}/response-window", new { deadline = DateTimeOffset.UtcNow.AddDays(60) });
        return id;
    }

    /// <summary>A stakeholder submits (or amends) answers to the first <paramref name="answers"/> recommendations.</summary>
    /// <returns>The review's version after the response.</returns>
    public async Task<long> RespondAsync(Guid reviewId, string stakeholder, int answers, int round) =>
        (await Send(HttpMethod.Put, stakeholder, $"/api/reviews/{reviewId}/responses/{stakeholder}", new
        {
            responses = Enumerable.Range(1, answers).Select(n => new
            {
                recommendationNumber = $"1.{n / 10 + 1}.{n % 10 + 1}",
                compliance = (round + n) % 3 == 0 ? "PartiallyMet" : "Met",
                currentPractice = $"Current practice described in round {round} for recommendation {n}.",
                barriers = round % 2 == 0 ? "Staffing in the community team" : null,
            }),
        })).GetProperty("version").GetInt64();

    /// <summary>Time travel: the shared view as it stood at <paramref name="version"/>.</summary>
    public async Task<long> ViewAtAsync(Guid reviewId, long version) =>
        (await Send(HttpMethod.Get, Chair, $"/api/reviews/{reviewId}?version={version}", null)).GetProperty("version").GetInt64();

    /// <summary>As a stakeholder's browser would: on 409 (someone else wrote the same review at that instant), send it again.</summary>
    public async Task<long> RespondRetryingConflictsAsync(Guid reviewId, string stakeholder, int answers, int round)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await RespondAsync(reviewId, stakeholder, answers, round); }
            catch (RequestRefused e) when (e.Status == 409 && attempt < 20) { }
        }
    }

    /// <summary>A full baseline assessment: every recommendation answered with the detail a careful stakeholder gives.</summary>
    public async Task<long> RespondInFullAsync(Guid reviewId, string stakeholder, int recommendations) =>
        (await Send(HttpMethod.Put, stakeholder, $"/api/reviews/{reviewId}/responses/{stakeholder}", new
        {
            responses = Enumerable.Range(1, recommendations).Select(n => new
            {
                recommendationNumber = $"1.{n / 10 + 1}.{n % 10 + 1}",
                compliance = ((n + stakeholder.Length) % 4) switch { 0 => "Met", 1 => "PartiallyMet", 2 => "NotMet", _ => "NotApplicable" },
                currentPractice = $"In our service {stakeholder} sees this done for most patients; recommendation {n} is audited once a year and the last audit found gaps at weekends.",
                barriers = n % 3 == 0 ? $"Recommendation {n} needs staff we do not have in the evenings, and the referral form does not ask for it." : null,
                actionsNeeded = n % 2 == 0 ? $"Add recommendation {n} to the local pathway and train the team at the next governance day." : null,
                lead = n % 2 == 0 ? "Service lead" : null,
                targetDate = n % 2 == 0 ? "2027-03-31" : null,
                estimatedOneOffCost = n % 5 == 0 ? 1200m : (decimal?)null,
                estimatedRecurrentCost = n % 7 == 0 ? 450m : (decimal?)null,
            }),
        })).GetProperty("version").GetInt64();

    /// <summary>One GET as a browser or integrator sends it; the time to the last byte, and the bytes that crossed the wire.</summary>
    public async Task<(double Ms, long Bytes, string? Encoding)> TimedGetAsync(string user, string url, string acceptEncoding)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(DevelopmentAuthenticationHandler.Header, user);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new RequestRefused((int)response.StatusCode, $"GET {url} as {user}: {(int)response.StatusCode}");
        return (clock.Elapsed.TotalMilliseconds, body.Length, response.Content.Headers.ContentEncoding.FirstOrDefault());
    }

    public void Dispose() => _http.Dispose();
}

public sealed class RequestRefused(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

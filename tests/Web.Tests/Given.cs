using System.Net.Http.Json;
using System.Text.Json;
using GuidanceFlow.Api.Tests;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// Reviews set up through the HTTP API (development sign-in by header), so a browser test starts
/// at the stage it is about. The lifecycle test walks every stage through the pages instead.
/// </summary>
public sealed class Given(AppProcess app)
{
    public const string Group = "Riverside NICE implementation group";

    private HttpClient As(string user)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Add("X-Dev-User", user);
        return client;
    }

    public async Task<Guid> Opened(string guidanceId = "NG950", string title = "Atrial fibrillation: detection and care")
    {
        using var chair = As("amara.okafor");
        var response = await chair.PostAsJsonAsync("/api/reviews",
            new { guidanceId, guidanceType = guidanceId[..2], title, publishedOn = "2026-10-01", group = Group });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> WithGrid(string guidanceId = "NG950")
    {
        var id = await Opened(guidanceId);
        await Post("amara.okafor", $"/api/reviews/{id}/grid", new
        {
            recommendations = new[]
            {
                new { number = "1.1.1", text = "Offer opportunistic pulse checks to adults over 65.", settings = Array.Empty<string>() },
                new { number = "1.2.1", text = "Use a validated score to assess stroke risk.", settings = Array.Empty<string>() },
            },
        });
        return id;
    }

    public async Task<Guid> AwaitingResponses(string guidanceId = "NG950")
    {
        var id = await WithGrid(guidanceId);
        await Post("amara.okafor", $"/api/reviews/{id}/stakeholders", new
        {
            stakeholders = new object[]
            {
                new { stakeholderId = "tom.hadley", name = "Dr Tom Hadley", email = "tom.hadley@riverside.example.nhs.uk",
                    organisation = "Riverside Hospitals NHS Foundation Trust", sector = "Secondary", discipline = "Consultant" },
                new { stakeholderId = "sunil.mehta", name = "Dr Sunil Mehta", email = "sunil.mehta@oakfield.example.nhs.uk",
                    organisation = "Oakfield Medical Practice", sector = "Primary", discipline = "GP" },
            },
        });
        await Post("amara.okafor", $"/api/reviews/{id}/response-window", new { deadline = DateTimeOffset.UtcNow.AddDays(21) });
        return id;
    }

    public async Task<Guid> Collated(string guidanceId = "NG950")
    {
        var id = await AwaitingResponses(guidanceId);
        await Put("tom.hadley", $"/api/reviews/{id}/responses/tom.hadley",
            new { responses = new[] { new { recommendationNumber = "1.1.1", compliance = "PartiallyMet" } } });
        await Post("amara.okafor", $"/api/reviews/{id}/response-window/close", new { });
        return id;
    }

    /// <summary>Both stakeholders estimated costs for 1.1.1, then the window closed: the financial impact starts from them.</summary>
    public async Task<Guid> CollatedWithEstimates(string guidanceId)
    {
        var id = await AwaitingResponses(guidanceId);
        await Put("tom.hadley", $"/api/reviews/{id}/responses/tom.hadley", new
        {
            responses = new[] { new { recommendationNumber = "1.1.1", compliance = "NotMet", estimatedOneOffCost = 5000m, estimatedRecurrentCost = 12000m } },
        });
        await Put("sunil.mehta", $"/api/reviews/{id}/responses/sunil.mehta", new
        {
            responses = new[] { new { recommendationNumber = "1.1.1", compliance = "PartiallyMet", estimatedRecurrentCost = 3000m } },
        });
        await Post("amara.okafor", $"/api/reviews/{id}/response-window/close", new { });
        return id;
    }

    public async Task<Guid> Costed(string guidanceId = "NG950")
    {
        var id = await Collated(guidanceId);
        await Post("amara.okafor", $"/api/reviews/{id}/financial-impact/not-needed", new { reason = "Nothing here costs money locally." });
        return id;
    }

    /// <summary>Financial impact recorded with costs for both sectors, then the decision with an action.</summary>
    public async Task<Guid> Decided(string guidanceId = "NG950")
    {
        var id = await Collated(guidanceId);
        object Year(int year, decimal recurrent) => new { year, oneOffCost = 12_000m, recurrentCost = recurrent };
        await Post("amara.okafor", $"/api/reviews/{id}/financial-impact", new
        {
            localPopulation = 250_000,
            lines = new object[]
            {
                new { organisation = "Riverside Hospitals NHS Foundation Trust", sector = "Secondary", years = new[] { Year(1, 40_000m), Year(2, 40_000m) }, recommendationNumber = "1.1.1" },
                new { organisation = "Oakfield Medical Practice", sector = "Primary", years = new[] { Year(1, 8_000m) }, recommendationNumber = "1.2.1" },
            },
        });
        await Post("amara.okafor", $"/api/reviews/{id}/decision", new
        {
            outcome = "ImplementWithLocalVariation",
            rationale = "Pulse checks fit the annual review; the stroke score is already in use at the trust.",
            risk = "Clinic capacity in the first year.",
            actions = new[] { new { description = "Add pulse checks to the annual review template", owner = "Dr Sunil Mehta", due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)) } },
        });
        return id;
    }

    /// <summary>
    /// A group's review of the guidance, decided by its chair: two recommendations, Dr Hadley's answers (M met, P partly, N not),
    /// no financial impact, implemented; NICE published it <paramref name="publishedDaysAgo"/> days ago.
    /// </summary>
    public async Task<Guid> DecidedBy(string chair, string group, string guidanceId, string answers, int publishedDaysAgo)
    {
        using var client = As(chair);
        var response = await client.PostAsJsonAsync("/api/reviews", new
        {
            guidanceId, guidanceType = guidanceId[..2], title = "Falls in older people: assessment and prevention",
            publishedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-publishedDaysAgo)), group,
        });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"open: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Post(chair, $"/api/reviews/{id}/grid", new
        {
            recommendations = new[]
            {
                new { number = "1.1", text = "Ask older people about falls at each routine contact.", settings = Array.Empty<string>() },
                new { number = "1.2", text = "Offer a multifactorial falls risk assessment after a fall.", settings = Array.Empty<string>() },
            },
        });
        await Post(chair, $"/api/reviews/{id}/stakeholders", new
        {
            stakeholders = new object[]
            {
                new { stakeholderId = "tom.hadley", name = "Dr Tom Hadley", email = "tom.hadley@riverside.example.nhs.uk",
                    organisation = "Riverside Hospitals NHS Foundation Trust", sector = "Secondary", discipline = "Consultant" },
            },
        });
        await Post(chair, $"/api/reviews/{id}/response-window", new { deadline = DateTimeOffset.UtcNow.AddDays(21) });
        static string Word(char c) => c switch { 'M' => "Met", 'P' => "PartiallyMet", _ => "NotMet" };
        await Put("tom.hadley", $"/api/reviews/{id}/responses/tom.hadley",
            new { responses = answers.Select((c, i) => new { recommendationNumber = $"1.{i + 1}", compliance = Word(c) }).ToArray() });
        await Post(chair, $"/api/reviews/{id}/response-window/close", new { });
        await Post(chair, $"/api/reviews/{id}/financial-impact/not-needed", new { reason = "No new costs." });
        await Post(chair, $"/api/reviews/{id}/decision", new
        {
            outcome = "Implement", rationale = "Agreed across the health economy.", actions = Array.Empty<object>(),
        });
        return id;
    }

    /// <summary>A project as the API answers it.</summary>
    public async Task<GuidanceFlow.Api.Endpoints.ProjectAnswer> ProjectOf(Guid project)
    {
        using var chair = As("amara.okafor");
        return (await chair.GetFromJsonAsync<GuidanceFlow.Api.Endpoints.ProjectAnswer>($"/api/projects/{project}", new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }))!;
    }

    /// <summary>Monthly measurements from January 2025, sent over the API as an integrator would.</summary>
    public Task Measured(string user, Guid project, Guid measure, params decimal[] values) =>
        Post(user, $"/api/projects/{project}/measures/{measure}/points",
            new { points = values.Select((v, i) => new { period = new DateOnly(2025, 1, 1).AddMonths(i), value = v }).ToArray() });

    /// <summary>A project in Riverside with one measure and a year of monthly data, a shift in its last seven months.</summary>
    public async Task<Guid> MeasuredProject()
    {
        using var chair = As("amara.okafor");
        var started = await chair.PostAsJsonAsync($"/api/groups/{Uri.EscapeDataString(Group)}/projects", new
        {
            title = "Waits for falls clinic", aim = new { what = "Shorter waits for the falls clinic", howMuch = "to under 4 weeks", byWhen = "2030-01-01" },
        });
        started.EnsureSuccessStatusCode();
        var project = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var measure = Guid.NewGuid();
        await Put("amara.okafor", $"/api/projects/{project}/measures/{measure}",
            new { name = "Weeks to first appointment", operationalDefinition = "Median weeks from referral to first falls clinic appointment, per month", unit = "weeks", direction = "LowerIsBetter", target = 4 });
        await Measured("amara.okafor", project, measure, 9, 10, 9, 11, 10, 9, 7, 6, 7, 6, 6, 7, 6);
        return project;
    }

    private async Task Post(string user, string path, object body)
    {
        using var client = As(user);
        var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task Put(string user, string path, object body)
    {
        using var client = As(user);
        var response = await client.PutAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A structured document in the shape of NICE's syndication API: our own words, a fictional product.</summary>
    /// <param name="updated">NICE's later version: modified a day after issue, 1.1.2 reworded.</param>
    public static string NiceDocument(string number, DateOnly issued, bool updated = false) => System.Text.Json.JsonSerializer.Serialize(new
    {
        GuidanceNumber = number,
        GuidanceType = "NICE guideline",
        Title = "Foot checks for people with diabetes",
        Issued = issued.ToString("yyyy-MM-dd"),
        LastModified = issued.AddDays(updated ? 1 : 0).ToString("yyyy-MM-dd") + "T10:00:00+00:00",
        Chapters = new[]
        {
            new
            {
                Id = "recommendations", Title = "1 Recommendations",
                Sections = new[]
                {
                    new
                    {
                        Title = "Checking feet",
                        Content = "<div class=\"recommendation_text\"><p><span class=\"paragraph-number\">1.1.1</span> Offer a foot check at every annual review. [2026]</p></div>" +
                                  $"<div class=\"recommendation_text\"><p><span class=\"paragraph-number\">1.1.2</span> Consider a podiatry referral for anyone with {(updated ? "numb or painful" : "numb")} feet. [2026]</p></div>" +
                                  "<div class=\"recommendation_text\"><p><span class=\"paragraph-number\">1.1.3</span> Do not use a tuning fork alone to test sensation. [2015, amended 2026]</p></div>",
                    },
                },
            },
        },
    });

    /// <summary>A product NICE published three days ago, added to the catalogue by its administrator: it reaches the groups' triage queues.</summary>
    public async Task InCatalogue(string number, bool updated = false)
    {
        using var client = As("amara.okafor");
        var response = await client.PostAsync("/api/catalogue/documents",
            new StringContent(NiceDocument(number, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)), updated), System.Text.Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// A decided review (Tom partly meets 1.1.1; Sunil did not respond) of guidance in the catalogue, which NICE then updated:
    /// following the update put the decision under review, so the chair may open a re-assessment round.
    /// </summary>
    public async Task<Guid> UnderReview(string number)
    {
        await InCatalogue(number);
        var id = await Decided(number);
        await InCatalogue(number, updated: true);
        await Post("amara.okafor", $"/api/reviews/{id}/nice-update", new { });
        return id;
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GuidanceFlow.Workflows.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GuidanceFlow.Bench;

/// <summary>
/// The front door at size: NICE's structured documents parsed (against the two libraries the parser stands on,
/// System.Text.Json and AngleSharp, doing the same reading alone), then imported by the app from a fake NICE
/// serving them — a first run that records every product, and a second that finds nothing changed.
/// </summary>
public static class CatalogueBench
{
    private const string Key = "bench-licence-key";

    /// <summary>A product in NICE's shape, in our own invented words: 3 chapters, <paramref name="recommendations"/> recommendations.</summary>
    public static string Document(int n, int recommendations)
    {
        var chapters = Enumerable.Range(1, 3).Select(c => new
        {
            Id = $"chapter-{c}", Title = $"{c} Topic {c}",
            Sections = new[]
            {
                new
                {
                    Title = $"Section {c}.1",
                    Content = string.Concat(Enumerable.Range(1, recommendations / 3).Select(r =>
                        $"<div class=\"recommendation_text\" id=\"ng{n}_{c}_1_{r}\"><p class=\"numbered-paragraph\"><span class=\"paragraph-number\">{c}.1.{r}</span> " +
                        $"{(r % 3 == 0 ? "Consider" : r % 3 == 1 ? "Offer" : "Do not offer")} invented intervention {n}-{c}-{r} to people with an invented condition, " +
                        $"and record the discussion in their care plan. [20{10 + r % 15}]</p></div>")),
                },
            },
        });
        return JsonSerializer.Serialize(new
        {
            GuidanceNumber = $"NG{9000 + n}", GuidanceType = "NICE guideline", Title = $"Invented guideline number {n}",
            Issued = "2026-01-15", LastModified = "2026-01-15T10:00:00+00:00", Chapters = chapters,
        });
    }

    public static async Task<List<Row>> RunAsync(string apiDll, string connectionString, int count, Action<string> say)
    {
        var rows = new List<Row>();
        var documents = Enumerable.Range(1, count).Select(n => Document(n, 30)).ToList();
        var bytes = documents.Sum(d => (long)d.Length);

        // Parsing: ours, then the libraries underneath doing the same reading (JSON, then each section's HTML queried).
        for (var warm = 0; warm < 2; warm++) { NiceDocuments.Parse(documents[warm]); Underneath(documents[warm]); }
        var ours = Stopwatch.StartNew();
        var recommendations = documents.Sum(d => NiceDocuments.Parse(d).Document!.Recommendations.Count);
        ours.Stop();
        var raw = Stopwatch.StartNew();
        var rawCount = documents.Sum(Underneath);
        raw.Stop();
        if (rawCount != recommendations) throw new InvalidOperationException($"The libraries found {rawCount} recommendations, the parser {recommendations}.");
        rows.Add(new($"parse {count} structured documents ({bytes / 1024} KB, {recommendations:N0} recommendations)",
            $"{ours.Elapsed.TotalMilliseconds:0} ms ({ours.Elapsed.TotalMilliseconds / count:0.00} ms each)", "—", null));
        rows.Add(new("  System.Text.Json + AngleSharp alone, the same reading", $"{raw.Elapsed.TotalMilliseconds:0} ms", "—", null));
        rows.Add(new("  parser ÷ the libraries alone", $"{ours.Elapsed.TotalMilliseconds / raw.Elapsed.TotalMilliseconds:0.00}×", "—", null));

        // Importing: the app reads the index and every document from a fake NICE and records each product.
        await using var nice = await FakeNice(documents);
        await using var app = await AppUnderTest.StartGuidanceFlowAsync(apiDll, connectionString, new Dictionary<string, string>
        {
            ["Nice__BaseUrl"] = nice.Urls.First(), ["Nice__ApiKey"] = Key, ["Catalogue__Admins__0"] = "amara.okafor",
        });
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Dev-User", "amara.okafor");
        foreach (var run in new[] { "first import (every product new)", "second import (nothing changed)" })
        {
            say($"catalogue: {run}, {count} documents");
            var latest = await Runs(http);
            var before = latest.GetArrayLength() > 0 ? latest[0].GetProperty("id").GetString() : null;
            var clock = Stopwatch.StartNew();
            (await http.PostAsync("/api/catalogue/import", null)).EnsureSuccessStatusCode();
            JsonElement finished;
            while (true)
            {
                var runs = await Runs(http);
                if (runs.GetArrayLength() > 0 && runs[0].GetProperty("id").GetString() != before
                    && runs[0].TryGetProperty("finishedAt", out var at) && at.ValueKind == JsonValueKind.String)
                {
                    finished = runs[0];
                    break;
                }
                await Task.Delay(100);
            }
            clock.Stop();
            var (created, unchanged) = (finished.GetProperty("new").GetInt32(), finished.GetProperty("unchanged").GetInt32());
            rows.Add(new($"import {count} documents from NICE over HTTP: {run} ({created} new, {unchanged} unchanged)",
                $"{clock.Elapsed.TotalSeconds:0.0} s ({count / clock.Elapsed.TotalSeconds:0} documents/s)", "—", null));
        }
        return rows;
    }

    private static async Task<JsonElement> Runs(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/catalogue/import")).GetProperty("runs");

    /// <summary>What the parser does, by the libraries alone: the JSON read, each section's HTML parsed and its recommendations found.</summary>
    private static int Underneath(string json)
    {
        using var document = JsonDocument.Parse(json);
        var parser = new HtmlParser();
        var found = 0;
        foreach (var chapter in document.RootElement.GetProperty("Chapters").EnumerateArray())
        foreach (var section in chapter.GetProperty("Sections").EnumerateArray())
        foreach (var div in parser.ParseDocument("<body>" + section.GetProperty("Content").GetString() + "</body>").QuerySelectorAll("div.recommendation_text"))
            if (div.QuerySelector("span.paragraph-number") is not null && div.TextContent.Length > 0) found++;
        return found;
    }

    private static async Task<WebApplication> FakeNice(IReadOnlyList<string> documents)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var byNumber = documents.Select((d, i) => (Number: $"NG{9001 + i}", Json: d)).ToDictionary(x => x.Number, x => x.Json);
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers[NiceSyndicationClient.KeyHeader] != Key) { context.Response.StatusCode = 401; return; }
            await next(context);
        });
        app.MapGet("/services/guidance/index/current", () => Results.Json(new
        {
            IndexItems = byNumber.Keys.Select(n => new { GuidanceNumber = n, Title = $"Product {n}", GuidanceProgramme = "bench" }),
        }, new JsonSerializerOptions()));
        app.MapGet("/services/guidance/structured-documents/{number}", (string number) =>
            byNumber.TryGetValue(number.ToUpperInvariant(), out var json) ? Results.Text(json, "application/json") : Results.NotFound());
        await app.StartAsync();
        return app;
    }
}

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

        rows.AddRange(await SpreadsheetAsync(app.Address, say));
        return rows;
    }

    /// <summary>
    /// A 500-row baseline assessment workbook, filled in full: read in-process (against the Open XML SDK alone reading every
    /// cell), then uploaded over HTTP as a submission (against the same 500 answers submitted as JSON).
    /// </summary>
    private static async Task<List<Row>> SpreadsheetAsync(Uri address, Action<string> say)
    {
        const int size = 500, repeats = 5;
        say($"spreadsheet: a {size}-row baseline assessment workbook read, then uploaded {repeats}× against the same answers as JSON");
        using var client = new GuidanceFlowClient(address);
        var reviewId = await client.ReviewInWindowAsync("NG995", size, ["tom.hadley"]);
        var view = await client.GetAsync(GuidanceFlowClient.Chair, $"/api/reviews/{reviewId}");
        var grid = view.GetProperty("recommendations").EnumerateArray()
            .Select(r => (Number: r.GetProperty("number").GetString()!, Text: r.GetProperty("text").GetString()!)).ToList();
        var sheet = new GuidanceFlow.Api.Spreadsheets.BaselineSheet(reviewId, 1, "NG995", "Benchmark", new DateOnly(2024, 1, 10), "group", null,
            "Dr Tom Hadley", "tom.hadley", GuidanceFlow.Api.Spreadsheets.BaselineWorkbook.GridFingerprint(grid),
            grid.Select((g, n) => new GuidanceFlow.Api.Spreadsheets.BaselineRow(g.Number, g.Text, null, new GuidanceFlow.Domain.Reviews.RecommendationResponse(
                g.Number, (GuidanceFlow.Domain.Reviews.Compliance)(n % 4),
                $"In our service this is done for most patients; recommendation {n} is audited once a year and the last audit found gaps at weekends.",
                n % 3 == 0 ? $"Recommendation {n} needs staff we do not have in the evenings." : null,
                n % 2 == 0 ? "Add it to the local pathway and train the team." : null, n % 2 == 0 ? "Service lead" : null,
                n % 2 == 0 ? new DateOnly(2027, 3, 31) : null, n % 5 == 0 ? 1200m : null, n % 7 == 0 ? 450m : null))).ToList(),
            DateTimeOffset.UtcNow, "http://localhost");
        var bytes = GuidanceFlow.Api.Spreadsheets.BaselineWorkbook.Write(sheet);

        var (ours, underneath) = (new List<double>(), new List<double>());
        for (var i = 0; i < repeats + 1; i++)
        {
            var clock = Stopwatch.StartNew();
            var read = GuidanceFlow.Api.Spreadsheets.BaselineUpload.Read(bytes);
            if (read.Answers?.Answers.Count != size) throw new InvalidOperationException($"The bench's workbook was refused: {string.Join("; ", read.Refusal?.Problems ?? [])}");
            if (i > 0) ours.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var cells = SdkAlone(bytes);
            if (i > 0) underneath.Add(clock.Elapsed.TotalMilliseconds);
            if (cells < size * 6) throw new InvalidOperationException("The SDK read fewer cells than the workbook holds.");
        }

        var (upload, json) = (new List<double>(), new List<double>());
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Dev-User", "tom.hadley");
        for (var i = 0; i < repeats + 1; i++)
        {
            var clock = Stopwatch.StartNew();
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(GuidanceFlow.Api.Spreadsheets.BaselineWorkbook.ContentType);
            (await http.PostAsync($"/api/reviews/{reviewId}/baseline.xlsx", content)).EnsureSuccessStatusCode();
            if (i > 0) upload.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await client.RespondInFullAsync(reviewId, "tom.hadley", size);
            if (i > 0) json.Add(clock.Elapsed.TotalMilliseconds);
        }
        double Median(List<double> xs) => Samples.Percentile(xs, 0.5);
        return
        [
            new($"read a {size}-row filled baseline workbook ({bytes.Length / 1024} KB) in-process, median of {repeats}", $"{Median(ours):0} ms", "—", null),
            new("  the Open XML SDK alone reading every cell", $"{Median(underneath):0} ms", "—", null),
            new("  reader ÷ the SDK alone", $"{Median(ours) / Median(underneath):0.00}×", "—", null),
            new($"upload it over HTTP as a submission ({size} answers), median of {repeats}", $"{Median(upload):0} ms", "—", null),
            new("  the same 500 answers submitted as JSON", $"{Median(json):0} ms", "—", null),
            new("  workbook ÷ JSON", $"{Median(upload) / Median(json):0.00}×", "—", null),
        ];
    }

    /// <summary>The Open XML SDK by itself: the workbook opened and every cell of every sheet read.</summary>
    private static int SdkAlone(byte[] bytes)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var count = 0;
        foreach (var part in document.WorkbookPart!.WorksheetParts)
        foreach (var cell in part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            if ((cell.InlineString?.InnerText ?? cell.CellValue?.Text) is { Length: > 0 }) count++;
        return count;
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

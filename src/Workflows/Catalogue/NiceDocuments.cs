using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using GuidanceFlow.Domain.Catalogue;

namespace GuidanceFlow.Workflows.Catalogue;

/// <summary>A structured document read: the product's version, or every reason it could not be used.</summary>
public sealed record ParsedNiceDocument(GuidanceDocument? Document, IReadOnlyList<string> Problems)
{
    public bool IsUsable => Document is not null && Problems.Count == 0;
}

/// <summary>
/// Reads one of NICE's structured documents (the syndication API's JSON for a product, also accepted as an
/// upload): its number, title, dates and chapters, and the recommendations in the chapters' XHTML — each a
/// <c>div.recommendation_text</c> whose <c>span.paragraph-number</c> gives its number, in whichever chapter
/// it sits (some guidelines spread them over topic chapters). Nothing here trusts the document: a missing
/// field, a bad date or a recommendation without a number is a problem named in words, never an exception.
/// </summary>
public static class NiceDocuments
{
    /// <summary>Recommendations beyond this in one document are refused rather than parsed (the largest guidelines have a few hundred).</summary>
    public const int MaxRecommendations = 5_000;

    private static readonly Regex MicrosoftDate = new(@"^/Date\((?<ms>-?\d+)(?<offset>[+-]\d{4})?\)/$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Prefix = new(@"^[A-Za-z]+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex FundingPeriod = new(@"\bwithin\s+(?<days>\d{1,3})\s+days\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    public static ParsedNiceDocument Parse(string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Failed($"The document is not valid JSON: {e.Message}");
        }
        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object) return Failed("The document is not a JSON object.");
            return Read(parsed.RootElement);
        }
    }

    private static ParsedNiceDocument Read(JsonElement root)
    {
        var problems = new List<string>();
        var number = Text(root, "GuidanceNumber");
        if (number is null) problems.Add("GuidanceNumber is missing.");
        var title = Text(root, "Title");
        if (title is null) problems.Add("Title is missing.");

        var type = default(GuidanceType);
        if (number is not null && !Enum.TryParse(Prefix.Match(number.Trim()).Value, ignoreCase: true, out type))
            problems.Add($"The guidance number {number} does not start with a NICE product type ({string.Join(", ", Enum.GetNames<GuidanceType>())}).");

        var issued = Date(root, "Issued", problems);
        var lastModified = Date(root, "LastModified", problems);

        var recommendations = new List<CatalogueRecommendation>();
        int? fundingDays = null;
        if (!root.TryGetProperty("Chapters", out var chapters) || chapters.ValueKind != JsonValueKind.Array)
            problems.Add("Chapters is missing.");
        else
        {
            var html = new HtmlParser(); // one per document: a parser is not meant to be shared between threads
            foreach (var (content, where) in Contents(chapters))
            {
                var body = html.ParseDocument($"<body>{content}</body>");
                // A technology appraisal says how soon it must be funded ("within 30 days of this guidance being published").
                if (type == GuidanceType.TA && fundingDays is null && FundingPeriod.Match(body.Body?.TextContent ?? "") is { Success: true } period
                    && int.TryParse(period.Groups["days"].Value, out var days) && days is >= 1 and <= 365)
                    fundingDays = days;
                foreach (var div in body.QuerySelectorAll("div.recommendation_text"))
                {
                    var numberSpan = div.QuerySelector("span.paragraph-number");
                    var recommendationNumber = numberSpan?.TextContent.Trim();
                    if (string.IsNullOrEmpty(recommendationNumber))
                    {
                        problems.Add($"A recommendation in {where} has no paragraph number.");
                        continue;
                    }
                    numberSpan!.Remove();
                    recommendations.Add(CatalogueRecommendation.From(recommendationNumber, div.TextContent));
                    if (recommendations.Count > MaxRecommendations)
                        return Failed($"The document has more than {MaxRecommendations:N0} recommendations.");
                }
            }
        }

        if (problems.Count > 0 || number is null || title is null) return new(null, problems);
        var document = new GuidanceDocument(number.Trim().ToUpperInvariant(), type, title.Trim(), DateOnly.FromDateTime(issued!.Value.Date),
            lastModified!.Value, recommendations, fundingDays);
        return new(document, RecordGuidanceVersion.Problems(document).ToList());
    }

    /// <summary>Each section's XHTML with where it is, for the messages.</summary>
    private static IEnumerable<(string Content, string Where)> Contents(JsonElement chapters)
    {
        var c = 0;
        foreach (var chapter in chapters.EnumerateArray())
        {
            c++;
            if (chapter.ValueKind != JsonValueKind.Object || !chapter.TryGetProperty("Sections", out var sections) ||
                sections.ValueKind != JsonValueKind.Array) continue;
            var chapterName = Text(chapter, "Title") ?? Text(chapter, "Id") ?? $"chapter {c}";
            foreach (var section in sections.EnumerateArray())
            {
                if (section.ValueKind == JsonValueKind.Object && Text(section, "Content") is { } content)
                    yield return (content, $"the chapter '{chapterName}'" + (Text(section, "Title") is { } s ? $", section '{s}'" : ""));
            }
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    /// <summary>NICE's dates: the old Microsoft form "/Date(1682502323341+0100)/", or ISO 8601.</summary>
    private static DateTimeOffset? Date(JsonElement root, string name, List<string> problems)
    {
        if (Text(root, name) is not { } raw)
        {
            problems.Add($"{name} is missing.");
            return null;
        }
        if (MicrosoftDate.Match(raw) is { Success: true } m && long.TryParse(m.Groups["ms"].Value, out var ms) &&
            ms is > -62135596800000 and < 253402300799999)
        {
            var offset = TimeSpan.Zero;
            if (m.Groups["offset"].Success)
            {
                var o = m.Groups["offset"].Value;
                offset = new TimeSpan(int.Parse(o[1..3], CultureInfo.InvariantCulture), int.Parse(o[3..5], CultureInfo.InvariantCulture), 0);
                if (o[0] == '-') offset = -offset;
                if (offset.Duration() > TimeSpan.FromHours(14)) offset = TimeSpan.Zero;
            }
            return DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(offset);
        }
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)) return iso;
        problems.Add($"{name} '{raw}' is not a date.");
        return null;
    }

    private static ParsedNiceDocument Failed(string problem) => new(null, [problem]);
}

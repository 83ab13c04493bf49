using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>
/// An entry's content as a form carries it: plain fields, sections by heading, lists one per line (links) or separated by
/// commas (guidance). One home for the mapping both ways, and for naming the form field a validator's path points at.
/// </summary>
public sealed class ContentForm
{
    public static readonly string[] GoodPracticeHeadings = ["The problem", "What was done", "Results", "Costs"];

    public string? Title { get; set; }
    public string? Summary { get; set; }
    public List<string> Headings { get; set; } = [.. GoodPracticeHeadings];
    public List<string?> Texts { get; set; } = [null, null, null, null];
    public string? Guidance { get; set; }
    public List<string> Sectors { get; set; } = [];
    public string? Region { get; set; }
    public string? CostBand { get; set; }
    public string? Organisation { get; set; }
    public string? ServiceArea { get; set; }
    public string? Contact { get; set; }
    public string? Links { get; set; }

    public static ContentForm Of(LibraryContent c) => new()
    {
        Title = c.Title, Summary = c.Summary, Headings = c.Sections.Select(s => s.Heading).ToList(), Texts = c.Sections.Select(s => (string?)s.Text).ToList(),
        Guidance = string.Join(", ", c.Guidance), Sectors = c.Sectors.Select(s => s.ToString()).ToList(), Region = c.Region?.ToString(),
        CostBand = c.CostBand.ToString(), Organisation = c.Organisation, ServiceArea = c.ServiceArea, Contact = c.Contact,
        Links = string.Join("\n", c.Links ?? []),
    };

    /// <summary>The content; unreadable choices are named on <paramref name="errors"/>.</summary>
    public LibraryContent ToContent(FormErrors errors)
    {
        var sectors = new List<Sector>();
        foreach (var s in Sectors)
            if (Enum.TryParse<Sector>(s, out var sector) && Enum.IsDefined(sector)) sectors.Add(sector);
            else errors.Add("form.sectors", "Choose sectors from the list");
        NhsRegion? region = null;
        if (!string.IsNullOrEmpty(Region))
            if (Enum.TryParse<NhsRegion>(Region, out var r) && Enum.IsDefined(r)) region = r;
            else errors.Add("form.region", "Choose a region from the list");
        var band = Domain.Library.CostBand.NotKnown;
        if (!string.IsNullOrEmpty(CostBand) && !(Enum.TryParse(CostBand, out band) && Enum.IsDefined(band)))
            errors.Add("form.costBand", "Choose a cost from the list");
        return new LibraryContent(
            (Title ?? "").Trim(), (Summary ?? "").Trim(),
            Headings.Select((h, i) => new LibrarySection(h, (Texts.ElementAtOrDefault(i) ?? "").Trim())).Where(s => s.Text.Length > 0).ToList(),
            (Guidance ?? "").Split([',', ' ', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(g => g.ToUpperInvariant()).Distinct().ToList(),
            sectors, region, band, Blank(Organisation), Blank(ServiceArea), Blank(Contact),
            (Links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
    }

    /// <summary>The form field a validator's path names: "sections[1].text" is the second text box, "links[0]" the links box.</summary>
    public string Field(string path, LibraryContent content)
    {
        var bare = path.StartsWith("content.", StringComparison.Ordinal) ? path["content.".Length..] : path;
        if (bare.StartsWith("sections[", StringComparison.Ordinal) && int.TryParse(bare[9..bare.IndexOf(']')], out var index)
            && index < content.Sections.Count)
            return $"form.texts[{Headings.IndexOf(content.Sections[index].Heading)}]";
        var bracket = bare.IndexOf('[');
        return "form." + (bracket > 0 ? bare[..bracket] : bare);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

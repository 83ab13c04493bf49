using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Library;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>
/// The library's front page and its search: the same search as the API, its words and facets as a GET form and links,
/// so it works without JavaScript and every result page can be bookmarked.
/// </summary>
public sealed class IndexModel(LibrarySearch search, LibraryAccess access) : GuidancePage
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Guidance { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? CostBand { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public LibraryResults? Results { get; private set; }
    public LibraryHighlights? Highlights { get; private set; }
    public bool IsEditor { get; private set; }
    public int Pages => Results is null ? 0 : (Results.Total + PageSize - 1) / PageSize;

    /// <summary>The filters chosen, by their query names.</summary>
    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?>
    {
        ["guidance"] = Guidance, ["type"] = Type, ["sector"] = Sector, ["region"] = Region, ["outcome"] = Outcome,
        ["costBand"] = CostBand, ["year"] = Year, ["kind"] = Kind,
    };

    public bool Searching => !string.IsNullOrWhiteSpace(Q) || Filters.Values.Any(v => !string.IsNullOrEmpty(v));

    public async Task OnGetAsync()
    {
        IsEditor = LibraryRules.MayModerate(await access.ViewerAsync(Ct));
        if (!Searching)
        {
            var (latest, mostRead) = await search.HighlightsAsync(5, Ct);
            Highlights = new LibraryHighlights(latest, mostRead);
            return;
        }
        var parameters = new LibrarySearchParameters(Q, Guidance, Type, Parse<Domain.Reviews.Sector>(Sector, "sector"), Parse<NhsRegion>(Region, "region"),
            Parse<DecisionOutcome>(Outcome, "outcome"), Parse<Domain.Library.CostBand>(CostBand, "costBand"), ParseYear(),
            Parse<LibraryEntryKind>(Kind, "kind"), Parse<LibrarySort>(Sort, "sort"), Math.Max(PageNumber, 1), PageSize);
        foreach (var (field, messages) in parameters.Problems())
            foreach (var message in messages) Errors.Add(field, Ui.Message(message));
        if (Errors.Any) return;
        Results = await search.SearchAsync(parameters.ToQuery(), Ct);
    }

    private T? Parse<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed)) return parsed;
        Errors.Add(field, "Choose one of the options given");
        return null;
    }

    private int? ParseYear()
    {
        if (string.IsNullOrEmpty(Year)) return null;
        if (int.TryParse(Year, out var year)) return year;
        Errors.Add("year", "Give a year, for example 2026");
        return null;
    }

    /// <summary>This search with one filter set (or removed, when <paramref name="value"/> is null), from its first page.</summary>
    public string With(string name, string? value)
    {
        var query = new Dictionary<string, string?>(Filters) { ["q"] = Q, ["sort"] = Sort, [name] = value };
        return QueryHelpers.AddQueryString("/library", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>(Filters) { ["q"] = Q, ["sort"] = Sort, ["page"] = page.ToString() };
        return QueryHelpers.AddQueryString("/library", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public static readonly (string Name, string Label)[] FacetNames =
    [
        ("kind", "Kind"), ("guidance", "Guidance"), ("type", "Type of guidance"), ("sector", "Sector"), ("region", "Region"),
        ("outcome", "Decision"), ("costBand", "Cost"), ("year", "Year published"),
    ];

    public IReadOnlyList<FacetCount> Counts(string facet) => Results?.Facets is not { } f ? [] : facet switch
    {
        "kind" => f.Kind, "guidance" => f.Guidance, "type" => f.Type, "sector" => f.Sector, "region" => f.Region,
        "outcome" => f.Outcome, "costBand" => f.CostBand, _ => f.Year,
    };
}

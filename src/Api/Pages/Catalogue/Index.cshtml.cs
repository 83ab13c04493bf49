using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GuidanceFlow.Api.Pages.Catalogue;

/// <summary>The national catalogue of NICE products: the API's search, with its filters as a GET form.</summary>
public sealed class IndexModel(CatalogueAdmins admins) : GuidancePage
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts PublishedFrom { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts PublishedTo { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public CataloguePage Results { get; private set; } = new([], 1, PageSize, 0);
    public int Pages => (Results.Total + PageSize - 1) / PageSize;
    public bool IsAdmin { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Type) || !PublishedFrom.IsEmpty || !PublishedTo.IsEmpty;

    public async Task OnGetAsync()
    {
        IsAdmin = admins.Includes(UserId);
        var from = PublishedFrom.Read("publishedFrom", "the earliest publication date", Errors, required: false);
        var to = PublishedTo.Read("publishedTo", "the latest publication date", Errors, required: false);
        if (from is { } f && to is { } t && f > t) Errors.Add("publishedTo", "The latest publication date must be on or after the earliest");
        if (Errors.Any) return;
        GuidanceType? type = Enum.TryParse<GuidanceType>(Type, out var parsed) ? parsed : null;
        PageNumber = Math.Max(PageNumber, 1);
        Results = await CatalogueQuery.SearchAsync(Query, new(Q, type, from, to), PageNumber, PageSize, Ct);
    }

    public string PageUrl(int page) =>
        QueryHelpers.AddQueryString("/catalogue", new Dictionary<string, string?>
            {
                ["q"] = Q, ["type"] = Type, ["page"] = page.ToString(),
                ["publishedFrom.Day"] = PublishedFrom.Day, ["publishedFrom.Month"] = PublishedFrom.Month, ["publishedFrom.Year"] = PublishedFrom.Year,
                ["publishedTo.Day"] = PublishedTo.Day, ["publishedTo.Month"] = PublishedTo.Month, ["publishedTo.Year"] = PublishedTo.Year,
            }
            .Where(p => !string.IsNullOrEmpty(p.Value)));
}

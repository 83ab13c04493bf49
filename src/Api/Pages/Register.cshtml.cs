using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GuidanceFlow.Api.Pages;

/// <summary>The register of the user's groups' reviews: the API's register query, with filters as a GET form.</summary>
public sealed class RegisterModel : GuidancePage
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RegisterRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (Total + PageSize - 1) / PageSize;
    public bool NoGroups { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Status) || !string.IsNullOrEmpty(Type);

    public async Task OnGetAsync()
    {
        var groups = await Access.GroupsWhere(Ct);
        if (groups.Count == 0)
        {
            NoGroups = true;
            return;
        }
        ReviewStatus? status = Enum.TryParse<ReviewStatus>(Status, out var s) ? s : null;
        GuidanceType? type = Enum.TryParse<GuidanceType>(Type, out var t) ? t : null;
        PageNumber = Math.Max(PageNumber, 1);
        (Rows, Total) = await RegisterQuery.RunAsync(Query, groups, new RegisterFilter(status, type, Text: Q), "-opened", PageNumber, PageSize, Ct);
    }

    public string PageUrl(int page) =>
        QueryHelpers.AddQueryString("/register", new Dictionary<string, string?> { ["q"] = Q, ["status"] = Status, ["type"] = Type, ["page"] = page.ToString() }
            .Where(p => !string.IsNullOrEmpty(p.Value)));
}

using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GuidanceFlow.Api.Pages;

/// <summary>The register of the user's groups' reviews: the API's register query, with filters as a GET form, and its export.</summary>
public sealed class RegisterModel : GuidancePage
{
    private const int PageSize = 25;
    /// <summary>At most this many rows in one export, newest first: a spreadsheet for a board, not a copy of the database.</summary>
    public const int ExportLimit = 5000;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts PublishedFrom { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts PublishedTo { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RegisterRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (Total + PageSize - 1) / PageSize;
    public bool NoGroups { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Status) || !string.IsNullOrEmpty(Type)
        || !string.IsNullOrEmpty(Outcome) || !PublishedFrom.IsEmpty || !PublishedTo.IsEmpty;

    public async Task OnGetAsync()
    {
        if (await FilterAsync() is not var (groups, filter)) return;
        PageNumber = Math.Max(PageNumber, 1);
        (Rows, Total) = await RegisterQuery.RunAsync(Query, groups, filter, "-opened", PageNumber, PageSize, Ct);
    }

    public Task<IActionResult> OnGetCsvAsync() => ExportAsync((header, rows) =>
        File(System.Text.Encoding.UTF8.GetBytes(TableWorkbook.Csv(header, rows)), TableWorkbook.CsvContentType, "register.csv"));

    public Task<IActionResult> OnGetXlsxAsync() => ExportAsync((header, rows) =>
        File(TableWorkbook.Write([new TableSheet("Register", header, rows, [12, 50, 34, 14, 22, 12, 12, 26, 14, 28])]),
            BaselineWorkbook.ContentType, "register.xlsx"));

    private async Task<IActionResult> ExportAsync(Func<IReadOnlyList<string>, IEnumerable<IReadOnlyList<object?>>, IActionResult> write)
    {
        if (await FilterAsync() is not var (groups, filter)) return Page();
        var (rows, _) = await RegisterQuery.RunAsync(Query, groups, filter, "-opened", 1, ExportLimit, Ct);
        return write(["Guidance", "Title", "Group", "Type", "Published", "Status", "Responded", "Next deadline", "RAG", "Outcome"],
            rows.Select(r => (IReadOnlyList<object?>)[r.GuidanceId, r.Title, r.Group, r.GuidanceType.ToString(), r.PublishedOn.ToString("yyyy-MM-dd"),
                Words.Status(r.Status), $"{r.RespondedCount} of {r.InvitedCount}", r.NextDeadline is { } d ? UkTime.Format(d) : "",
                Words.Rag(r.Rag), r.Outcome is { } o ? Words.Outcome(o) : "Not decided"]));
    }

    /// <summary>The user's groups and the filter as asked; null (with the page's message or errors) when there is nothing to run.</summary>
    private async Task<(List<string> Groups, RegisterFilter Filter)?> FilterAsync()
    {
        var groups = await Access.GroupsWhere(Ct);
        if (groups.Count == 0)
        {
            NoGroups = true;
            return null;
        }
        ReviewStatus? status = Enum.TryParse<ReviewStatus>(Status, out var s) ? s : null;
        GuidanceType? type = Enum.TryParse<GuidanceType>(Type, out var t) ? t : null;
        DecisionOutcome? outcome = Enum.TryParse<DecisionOutcome>(Outcome, out var o) ? o : null;
        var from = PublishedFrom.Read("publishedFrom", "the earliest publication date", Errors, required: false);
        var to = PublishedTo.Read("publishedTo", "the latest publication date", Errors, required: false);
        if (from is not null && to is not null && to < from)
            Errors.Add("publishedTo", $"The latest publication date must be on or after the earliest, {Words.Date(from)}");
        if (Errors.Any) return null;
        return (groups, new RegisterFilter(status, type, from, to, Q, Outcome: outcome));
    }

    private Dictionary<string, string?> FilterValues() => new()
    {
        ["q"] = Q, ["status"] = Status, ["type"] = Type, ["outcome"] = Outcome,
        ["publishedFrom.Day"] = PublishedFrom.Day, ["publishedFrom.Month"] = PublishedFrom.Month, ["publishedFrom.Year"] = PublishedFrom.Year,
        ["publishedTo.Day"] = PublishedTo.Day, ["publishedTo.Month"] = PublishedTo.Month, ["publishedTo.Year"] = PublishedTo.Year,
    };

    public string PageUrl(int page) =>
        QueryHelpers.AddQueryString("/register", FilterValues().Append(new("page", page.ToString())).Where(p => !string.IsNullOrEmpty(p.Value)));

    public string ExportUrl(string handler) =>
        QueryHelpers.AddQueryString("/register", FilterValues().Append(new("handler", handler)).Where(p => !string.IsNullOrEmpty(p.Value)));
}

using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Groups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GuidanceFlow.Api.Pages;

/// <summary>The decision audit of GET /api/audit/decisions, for a commissioner (or chair) in a browser: filtered, and exported.</summary>
public sealed class DecisionsModel : GuidancePage
{
    [BindProperty(SupportsGet = true)] public DateParts DecidedFrom { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts DecidedTo { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }

    public IReadOnlyList<AuditedDecision> Decisions { get; private set; } = [];
    public bool NotAllowed { get; private set; }
    public bool Filtered => !DecidedFrom.IsEmpty || !DecidedTo.IsEmpty || !string.IsNullOrEmpty(Outcome) || !string.IsNullOrEmpty(Type);

    public async Task OnGetAsync() => Decisions = await RunAsync() ?? [];

    public async Task<IActionResult> OnGetCsvAsync() => await RunAsync() is { } d
        ? File(System.Text.Encoding.UTF8.GetBytes(TableWorkbook.Csv(Header, Rows(d))), TableWorkbook.CsvContentType, "decisions.csv")
        : Page();

    public async Task<IActionResult> OnGetXlsxAsync() => await RunAsync() is { } d
        ? File(TableWorkbook.Write([new TableSheet("Decisions", Header, Rows(d), [12, 40, 30, 24, 22, 60, 40, 22, 24, 40, 50, 40, 60])]), BaselineWorkbook.ContentType, "decisions.xlsx")
        : Page();

    private static readonly string[] Header =
        ["Guidance", "Title", "Group", "Outcome", "Decided", "Rationale", "Risk accepted", "Decided by", "Financial impact", "Did not respond", "Actions", "Amendments",
         "Compliance over time"];

    private static IEnumerable<IReadOnlyList<object?>> Rows(IEnumerable<AuditedDecision> decisions) => decisions.Select(d => (IReadOnlyList<object?>)
    [
        d.GuidanceId, d.Title, d.Group, Words.Outcome(d.Outcome), UkTime.Format(d.DecidedAt), d.Rationale, d.Risk, d.DecidedBy?.Name,
        d.FinancialImpact is { } fi ? Words.FinancialImpact(fi) : d.FinancialImpactNotNeededReason is { } why ? $"Not needed: {why}" : "Not recorded",
        string.Join("; ", d.NotResponded.Select(s => $"{s.Name} ({s.Organisation})")),
        string.Join("\n", d.Actions.Select(a => $"{a.Description} ({a.Owner}, by {Words.Date(a.Due)})")),
        string.Join("\n", d.Amendments.Select(a => $"{UkTime.Format(a.AmendedAt)}: {Words.Outcome(a.Outcome)}. Why: {a.Reason}")),
        string.Join("\n", (d.Assessments ?? []).Select(Reviews.ComplianceOverTimeView.Summary)),
    ]);

    private async Task<IReadOnlyList<AuditedDecision>?> RunAsync()
    {
        var audited = await Access.GroupsWhere(Ct, GroupRole.Commissioner, GroupRole.Chair);
        NotAllowed = audited.Count == 0;
        if (NotAllowed) return null;
        var from = DecidedFrom.Read("decidedFrom", "the earliest decision date", Errors, required: false);
        var to = DecidedTo.Read("decidedTo", "the latest decision date", Errors, required: false);
        if (from is not null && to is not null && to < from)
            Errors.Add("decidedTo", $"The latest decision date must be on or after the earliest, {Words.Date(from)}");
        if (Errors.Any) return null;
        DecisionOutcome? outcome = Enum.TryParse<DecisionOutcome>(Outcome, out var o) ? o : null;
        GuidanceType? type = Enum.TryParse<GuidanceType>(Type, out var t) ? t : null;
        return await DecisionQuery.DecisionsAsync(Query, audited,
            from is { } f ? UkTime.At(f, TimeOnly.MinValue) : null, to is { } u ? UkTime.At(u, new TimeOnly(23, 59, 59)) : null, null, Ct, outcome, type);
    }

    public string ExportUrl(string handler) => QueryHelpers.AddQueryString("/decisions", new Dictionary<string, string?>
    {
        ["decidedFrom.Day"] = DecidedFrom.Day, ["decidedFrom.Month"] = DecidedFrom.Month, ["decidedFrom.Year"] = DecidedFrom.Year,
        ["decidedTo.Day"] = DecidedTo.Day, ["decidedTo.Month"] = DecidedTo.Month, ["decidedTo.Year"] = DecidedTo.Year,
        ["outcome"] = Outcome, ["type"] = Type, ["handler"] = handler,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}

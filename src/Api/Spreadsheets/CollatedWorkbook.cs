using GuidanceFlow.Api.Queries;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>
/// Everyone's responses for board papers: a summary matrix (each recommendation's compliance counts and costs),
/// then one sheet per sector with every stakeholder's answer. Read-only data, headers frozen, text wrapped.
/// </summary>
public static class CollatedWorkbook
{
    public static byte[] Write(ReviewView view, DateTimeOffset madeAt)
    {
        var sheets = new List<TableSheet>
        {
            new("Summary", ["Number", "Recommendation", "Met", "Partially met", "Not met", "Not applicable", "Not assessed",
                    view.WindowClosedAt is null ? "No response yet" : "Did not respond", "One-off cost (£)", "Recurrent cost (£)"],
                view.Recommendations.Select(r => (IReadOnlyList<object?>)[r.Number, r.Text, r.Compliance.Met, r.Compliance.PartiallyMet, r.Compliance.NotMet,
                    r.Compliance.NotApplicable, r.Compliance.Unassessed(view).LeftOpen, r.Compliance.Unassessed(view).NoResponse,
                    r.EstimatedOneOffCost, r.EstimatedRecurrentCost]),
                [10, 60, 8, 12, 9, 14, 14, 16, 16, 18]),
        };
        foreach (var sector in view.Stakeholders.Select(s => s.Sector).Distinct().Order())
        {
            var rows = view.Recommendations.SelectMany(r => r.BySector.Where(b => b.Sector == sector).SelectMany(b => b.Responses)
                .Select(a => (IReadOnlyList<object?>)[r.Number, r.Text, a.Name, a.Organisation, Words(a.Compliance), a.CurrentPractice, a.Barriers,
                    a.ActionsNeeded, a.Lead, a.TargetDate?.ToString("yyyy-MM-dd"), a.EstimatedOneOffCost, a.EstimatedRecurrentCost]));
            sheets.Add(new(GuidanceFlow.Api.Pages.Words.Sector(sector),
                ["Number", "Recommendation", "Stakeholder", "Organisation", "Compliance", "Current practice", "Barriers", "Actions needed", "Lead",
                    "Target date", "One-off cost (£)", "Recurrent cost (£)"],
                rows, [10, 50, 20, 28, 14, 40, 35, 35, 18, 12, 14, 16]));
        }
        return TableWorkbook.Write(sheets);
    }

    private static string Words(GuidanceFlow.Domain.Reviews.Compliance c) => BaselineWorkbook.ComplianceWords.Single(w => w.Value == c).Words;
}

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
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
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook(new Sheets());
            var styles = book.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Arial" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" })) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 0, ApplyAlignment = true },
                    new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, ApplyFont = true, ApplyAlignment = true }) { Count = 2 });
            styles.Stylesheet.Save();

            uint id = 1;
            void Add(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, double[] widths)
            {
                var data = new SheetData(new Row(header.Select((h, i) => Text(i, 1, h, 1))) { RowIndex = 1 });
                uint r = 2;
                foreach (var row in rows) { data.Append(new Row(row.Select((v, i) => Value(i, r, v))) { RowIndex = r }); r++; }
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(
                    new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                    new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                    data);
                book.Workbook.Sheets!.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = name });
            }

            Add("Summary", ["Number", "Recommendation", "Met", "Partially met", "Not met", "Not applicable", "Not assessed",
                    view.WindowClosedAt is null ? "No response yet" : "Did not respond", "One-off cost (£)", "Recurrent cost (£)"],
                view.Recommendations.Select(r => (IReadOnlyList<object?>)[r.Number, r.Text, r.Compliance.Met, r.Compliance.PartiallyMet, r.Compliance.NotMet,
                    r.Compliance.NotApplicable, r.Compliance.Unassessed(view).LeftOpen, r.Compliance.Unassessed(view).NoResponse,
                    r.EstimatedOneOffCost, r.EstimatedRecurrentCost]),
                [10, 60, 8, 12, 9, 14, 14, 16, 16, 18]);

            foreach (var sector in view.Stakeholders.Select(s => s.Sector).Distinct().Order())
            {
                var rows = view.Recommendations.SelectMany(r => r.BySector.Where(b => b.Sector == sector).SelectMany(b => b.Responses)
                    .Select(a => (IReadOnlyList<object?>)[r.Number, r.Text, a.Name, a.Organisation, Words(a.Compliance), a.CurrentPractice, a.Barriers,
                        a.ActionsNeeded, a.Lead, a.TargetDate?.ToString("yyyy-MM-dd"), a.EstimatedOneOffCost, a.EstimatedRecurrentCost]));
                Add(SheetName(GuidanceFlow.Api.Pages.Words.Sector(sector)),
                    ["Number", "Recommendation", "Stakeholder", "Organisation", "Compliance", "Current practice", "Barriers", "Actions needed", "Lead",
                        "Target date", "One-off cost (£)", "Recurrent cost (£)"],
                    rows, [10, 50, 20, 28, 14, 40, 35, 35, 18, 12, 14, 16]);
            }
            book.Workbook.Save();
        }
        return memory.ToArray();
    }

    private static string Words(GuidanceFlow.Domain.Reviews.Compliance c) => BaselineWorkbook.ComplianceWords.Single(w => w.Value == c).Words;

    /// <summary>Sheet names may not hold : \ / ? * [ ] and are at most 31 characters.</summary>
    private static string SheetName(string name) => new string(name.Where(ch => !":\\/?*[]".Contains(ch)).ToArray()) is var clean && clean.Length > 31 ? clean[..31] : clean;

    private static string Reference(int column, uint row) => $"{(char)('A' + column)}{row}";

    private static Cell Text(int column, uint row, string? text, uint style = 0) => new()
    {
        CellReference = Reference(column, row), DataType = CellValues.InlineString, StyleIndex = style,
        InlineString = new InlineString(new Text(SpreadsheetText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell Value(int column, uint row, object? value) => value switch
    {
        int n => new Cell { CellReference = Reference(column, row), CellValue = new CellValue(n) },
        decimal m => new Cell { CellReference = Reference(column, row), CellValue = new CellValue(m) },
        _ => Text(column, row, value?.ToString()),
    };
}

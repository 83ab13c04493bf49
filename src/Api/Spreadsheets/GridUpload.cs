using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>
/// The chair's grid from a workbook: the sheet "Baseline assessment" if there is one (a baseline sheet from
/// GuidanceFlow or NICE's own tool filled with the recommendations), else the first; its "Number" and
/// "Recommendation" columns, found by their headers in the first row. The same guards as every upload.
/// </summary>
public static class GridUpload
{
    public static (IReadOnlyList<(int Row, Recommendation Recommendation)>? Grid, UploadRefusal? Refusal) Read(byte[] file)
    {
        var (document, refused) = BaselineUpload.OpenSafely(file);
        if (refused is not null) return (null, refused);
        using (document!)
        {
            var book = document!.WorkbookPart;
            var sheets = book?.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheets.FirstOrDefault(s => s.Name == BaselineWorkbook.AssessmentSheet) ?? sheets.FirstOrDefault(s => s.State is null);
            if (book is null || sheet?.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
                return (null, new(400, "The workbook has no sheet to read", ["Put the recommendations on the first sheet, with the headers Number and Recommendation."]));
            var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];

            var rows = part.Worksheet.Descendants<Row>().ToList();
            if (rows.Count - 1 > BaselineUpload.MaxRows)
                return (null, new(413, "The file has too many rows", [$"A workbook can have at most {BaselineUpload.MaxRows:N0} rows."]));
            var header = rows.FirstOrDefault(r => r.RowIndex?.Value == 1)?.Elements<Cell>()
                .ToDictionary(c => BaselineUpload.Text(c, strings).Trim(), c => BaselineUpload.Column(c.CellReference?.Value), StringComparer.OrdinalIgnoreCase) ?? [];
            if (!header.TryGetValue("Number", out var numberColumn) || !header.TryGetValue("Recommendation", out var textColumn))
                return (null, new(400, "The workbook's columns were not found", ["The first row must name the columns Number and Recommendation."]));

            var problems = new List<string>();
            var grid = new List<(int, Recommendation)>();
            foreach (var row in rows.Where(r => r.RowIndex?.Value > 1))
            {
                var cells = row.Elements<Cell>().ToDictionary(c => BaselineUpload.Column(c.CellReference?.Value), c => c);
                var index = (int)row.RowIndex!.Value;
                string Get(string column) => cells.TryGetValue(column, out var c) ? BaselineUpload.Text(c, strings).Trim() : "";
                var (number, text) = (Get(numberColumn), GuidanceFlow.Api.Queries.SpreadsheetText.AsTyped(Get(textColumn)));
                if (number.Length == 0 && text.Length == 0) continue;
                var where = $"Row {index} ({(number.Length > 0 ? number : "no number")})";
                if (cells.TryGetValue(numberColumn, out var n) && n.CellFormula is not null || cells.TryGetValue(textColumn, out var t) && t.CellFormula is not null)
                    problems.Add($"{where}: it holds a formula. GuidanceFlow never runs formulas: type the value itself.");
                else if (number.Length == 0) problems.Add($"{where}: the recommendation number is missing.");
                else if (text.Length == 0) problems.Add($"{where}: the recommendation's words are missing.");
                else grid.Add((index, new Recommendation(number, text, [])));
            }
            if (grid.Count == 0 && problems.Count == 0) problems.Add("The sheet has no recommendations under its headers.");
            return problems.Count > 0 ? (null, new(400, "The workbook has problems; nothing was saved", problems)) : (grid, null);
        }
    }
}

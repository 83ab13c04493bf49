using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Api.Queries;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>One sheet of a plain table: a header row, then rows of text and numbers; column widths in characters.</summary>
public sealed record TableSheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows, double[] Widths);

/// <summary>
/// Tables for reading in a spreadsheet (board papers, exports): header frozen and bold, text wrapped, numbers as numbers,
/// anything a person typed written as text so a spreadsheet never runs it. The same tables as CSV.
/// </summary>
public static class TableWorkbook
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<TableSheet> sheets)
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
            foreach (var sheet in sheets)
            {
                var data = new SheetData(new Row(sheet.Header.Select((h, i) => Text(i, 1, h, 1))) { RowIndex = 1 });
                uint r = 2;
                foreach (var row in sheet.Rows) { data.Append(new Row(row.Select((v, i) => Value(i, r, v))) { RowIndex = r }); r++; }
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(
                    new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                    new Columns(sheet.Widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                    data);
                book.Workbook.Sheets!.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = SheetName(sheet.Name) });
            }
            book.Workbook.Save();
        }
        return memory.ToArray();
    }

    /// <summary>The same table as CSV, one column a field, people's text made safe for a spreadsheet.</summary>
    public static string Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text))
        {
            csv.WriteRecord(header.ToArray());
            foreach (var row in rows)
                csv.WriteRecord(row.Select(v => v switch
                {
                    int or long or decimal or double => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
                    _ => SpreadsheetText.Safe(v?.ToString()),
                }).ToArray());
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>Sheet names may not hold : \ / ? * [ ] and are at most 31 characters.</summary>
    private static string SheetName(string name) => new string(name.Where(ch => !":\\/?*[]".Contains(ch)).ToArray()) is var clean && clean.Length > 31 ? clean[..31] : clean;

    private static string Reference(int column, uint row) => column < 26 ? $"{(char)('A' + column)}{row}" : $"{(char)('A' + column / 26 - 1)}{(char)('A' + column % 26)}{row}";

    private static Cell Text(int column, uint row, string? text, uint style = 0) => new()
    {
        CellReference = Reference(column, row), DataType = CellValues.InlineString, StyleIndex = style,
        InlineString = new InlineString(new Text(SpreadsheetText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell Value(int column, uint row, object? value) => value switch
    {
        int n => new Cell { CellReference = Reference(column, row), CellValue = new CellValue(n) },
        long n => new Cell { CellReference = Reference(column, row), CellValue = new CellValue((decimal)n) },
        decimal m => new Cell { CellReference = Reference(column, row), CellValue = new CellValue(m) },
        _ => Text(column, row, value?.ToString()),
    };
}

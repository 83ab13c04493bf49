using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Api.Spreadsheets;

namespace GuidanceFlow.Api.Tests;

/// <summary>Workbooks as people change them: for the upload tests, over HTTP and in the browser.</summary>
public static class Workbooks
{
    /// <summary>The workbook with cells of its assessment sheet typed over, as a person would in a spreadsheet program.</summary>
    public static byte[] Fill(byte[] workbook, params (string Cell, string Value)[] typed)
    {
        using var memory = new MemoryStream();
        memory.Write(workbook);
        using (var document = SpreadsheetDocument.Open(memory, true))
        {
            var book = document.WorkbookPart!;
            var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == BaselineWorkbook.AssessmentSheet);
            var part = (WorksheetPart)book.GetPartById(sheet.Id!);
            foreach (var (reference, value) in typed)
            {
                var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
                cell.RemoveAllChildren();
                if (value.StartsWith('='))
                {
                    cell.DataType = null;
                    cell.Append(new CellFormula(value[1..]));
                }
                else
                {
                    cell.DataType = CellValues.InlineString;
                    cell.Append(new InlineString(new Text(value)));
                }
            }
            part.Worksheet.Save();
        }
        return memory.ToArray();
    }

    /// <summary>
    /// A one-sheet workbook of rows as a spreadsheet program saves them: text as inline strings, numbers as numbers, a date as
    /// the day number Excel keeps, and text starting with '=' as a formula.
    /// </summary>
    public static byte[] Table(params object?[][] rows)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook(new Sheets());
            var part = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = new Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                    switch (rows[r][c])
                    {
                        case null: continue;
                        case string text when text.StartsWith('='): cell.Append(new CellFormula(text[1..])); break;
                        case string text: cell.DataType = CellValues.InlineString; cell.Append(new InlineString(new Text(text))); break;
                        case DateOnly date:
                            cell.Append(new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)));
                            break;
                        case var number: cell.Append(new CellValue(Convert.ToString(number, System.Globalization.CultureInfo.InvariantCulture)!)); break;
                    }
                    row.Append(cell);
                }
                data.Append(row);
            }
            part.Worksheet = new Worksheet(data);
            book.Workbook.Sheets!.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = 1, Name = "Sheet1" });
        }
        return memory.ToArray();
    }
}

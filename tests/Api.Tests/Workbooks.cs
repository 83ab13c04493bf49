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

}

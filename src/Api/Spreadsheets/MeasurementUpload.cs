using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Improvement;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>
/// A measure's data from a file: a CSV or an .xlsx workbook whose first row names the columns Period and Value (or the
/// measure's own name, as the chart's CSV download does) and, if wanted, Note. Read with the same suspicion as every upload —
/// size and zip checked before opening, no formula run — and every bad row named by its row in the file. The rows then go
/// through the same command, validator and rules as measurements typed or posted, so a file with any bad row saves nothing.
/// </summary>
public static partial class MeasurementUpload
{
    public const string CsvContentType = "text/csv";
    public const long MaxBytes = 2 * 1024 * 1024;
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");
    private static readonly string[] DayFormats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d MMM yyyy", "d MMMM yyyy", "d-MMM-yyyy"];
    private static readonly string[] MonthFormats = ["MMM yyyy", "MMMM yyyy", "MMM-yy", "yyyy-MM"];

    /// <summary>One cell as the file holds it: its text, whether a workbook stored it as a plain number, whether it is a formula.</summary>
    private sealed record Cell(string Text, bool Number = false, bool Formula = false);

    /// <summary>The measurements with the file's row of each, or why the file cannot be read (400, 413).</summary>
    public static (IReadOnlyList<(int Row, Measurement Point)>? Points, UploadRefusal? Refusal) Read(byte[] file, bool csv, string measureName)
    {
        if (file.LongLength > MaxBytes) return (null, new(413, "The file is too large", [$"A file of measurements can be at most {MaxBytes / 1024 / 1024} MB."]));
        var (rows, refusal) = csv ? CsvRows(file) : WorkbookRows(file);
        if (refusal is not null) return (null, refusal);
        if (rows!.Count == 0) return (null, new(400, "The file is empty", ["The file has no rows: put the headers Period and Value in the first row and a period on each row below."]));
        if (rows.Count - 1 > ProjectRules.MaxRowsPerBatch)
            return (null, new(413, "The file has too many rows", [$"A file can hold at most {ProjectRules.MaxRowsPerBatch:N0} measurements; split it in two."]));

        var header = rows[0].Cells.Select((c, i) => (Name: c.Text.Trim(), i)).Where(h => h.Name.Length > 0)
            .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        int? Find(params string[] names) => names.Select(n => header.TryGetValue(n, out var i) ? i : (int?)null).FirstOrDefault(i => i is not null);
        var (periodAt, valueAt, noteAt) = (Find("Period", "Date"), Find("Value", measureName.Trim()), Find("Note", "Notes"));
        if (periodAt is null || valueAt is null)
            return (null, new(400, "The file's columns were not found",
                [$"The first row must name the columns Period and Value (or \"{measureName.Trim()}\"); Note is optional."]));

        var problems = new List<string>();
        var points = new List<(int, Measurement)>();
        foreach (var (number, cells) in rows.Skip(1))
        {
            Cell At(int? i) => i is { } k && k < cells.Count ? cells[k] : new Cell("");
            var (period, value, note) = (At(periodAt), At(valueAt), At(noteAt));
            if (cells.All(c => c.Text.Trim().Length == 0)) continue;
            var where = $"Row {number}";
            if (period.Formula || value.Formula || note.Formula)
            {
                problems.Add($"{where}: it holds a formula. GuidanceFlow never runs formulas: type the value itself.");
                continue;
            }
            var on = PeriodIn(period);
            if (on is null)
                problems.Add(period.Text.Trim().Length == 0 ? $"{where}: the period is missing." : $"{where}: the period \"{Shown(period.Text)}\" is not a date; write it like 2026-03-01 or 01/03/2026.");
            var amount = ValueIn(value.Text);
            if (amount is null)
                problems.Add(value.Text.Trim().Length == 0 ? $"{where}: the value is missing." : $"{where}: the value \"{Shown(value.Text)}\" is not a number.");
            if (on is { } p && amount is { } v)
                points.Add((number, new Measurement(p, v, note.Text.Trim() is { Length: > 0 } n ? SpreadsheetText.AsTyped(n) : null)));
        }
        if (points.Count == 0 && problems.Count == 0) problems.Add("The file has no measurements under its headers.");
        return problems.Count > 0 ? (null, new(400, "The file has problems; nothing was saved", problems)) : (points, null);
    }

    /// <summary>
    /// A file of measurements recorded through the same command as typed ones: null when it was, else why not, every bad row named
    /// by its row in the file. A refusal by the project's rules (not the team's, completed) is thrown as for any command.
    /// </summary>
    public static async Task<UploadRefusal?> RecordAsync(byte[] file, bool csv, ImprovementProject project, ProjectMeasure measure, ProjectViewer viewer,
        GuidanceFlow.Domain.Reviews.Actor actor, Wolverine.IMessageBus bus, CancellationToken ct)
    {
        var (points, refusal) = Read(file, csv, measure.Definition.Name);
        if (refusal is not null) return refusal;
        try
        {
            await bus.InvokeAsync(new RecordMeasurements(project.Id, measure.Id, points!.Select(p => (Measurement?)p.Point).ToList(), MeasurementSource.Upload,
                viewer, actor), ct);
            return null;
        }
        catch (GuidanceFlow.Workflows.Validation.CommandInvalid invalid)
        {
            return new(400, "The file has problems; nothing was saved", ByRow(invalid.Failures, points!.Select(p => p.Row).ToList()));
        }
    }

    /// <summary>The validator's failures ("points[3].value", with its message "Row 4: …") said again by the file's own row numbers.</summary>
    public static IReadOnlyList<string> ByRow(IEnumerable<FluentValidation.Results.ValidationFailure> failures, IReadOnlyList<int> rows) =>
        failures.Select(f =>
        {
            if (PointIndex().Match(f.PropertyName) is not { Success: true } m || int.Parse(m.Groups[1].Value) is var i && i >= rows.Count) return f.ErrorMessage;
            // The rule says "Row 2" for the batch's second row, and "also in row 1" of the batch's first: the file's numbers instead.
            return BatchRow().Replace(f.ErrorMessage, r => $"{r.Groups[1].Value}ow {Translate(r.Groups[2].Value, rows)}");
        }).Distinct().ToList();

    private static string Translate(string batchRow, IReadOnlyList<int> rows) =>
        int.TryParse(batchRow, out var n) && n >= 1 && n <= rows.Count ? rows[n - 1].ToString(CultureInfo.InvariantCulture) : batchRow;

    private static DateOnly? PeriodIn(Cell cell)
    {
        var text = cell.Text.Trim();
        if (text.Length == 0) return null;
        // A workbook keeps a date as a number of days since 1900; anything typed is read the British way.
        if (cell.Number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        if (DateOnly.TryParseExact(text, DayFormats, EnGb, DateTimeStyles.None, out var day)) return day;
        if (DateOnly.TryParseExact(text, MonthFormats, EnGb, DateTimeStyles.None, out var month)) return new DateOnly(month.Year, month.Month, 1);
        return null;
    }

    private static decimal? ValueIn(string text)
    {
        var cleaned = text.Trim().Replace(",", "").TrimEnd('%').Trim();
        return cleaned.Length > 0 && decimal.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>At most 40 characters of what the file said, for a message.</summary>
    private static string Shown(string text) => text.Trim().Length > 40 ? text.Trim()[..40] + "…" : text.Trim();

    private static (List<(int Number, IReadOnlyList<Cell> Cells)>?, UploadRefusal?) CsvRows(byte[] file)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file);
        }
        catch (DecoderFallbackException)
        {
            return (null, new(400, "The file is not a CSV GuidanceFlow can read", ["Save the file as CSV UTF-8 (comma delimited)."]));
        }
        var rows = new List<(int, IReadOnlyList<Cell>)>();
        try
        {
            using var reader = CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvReaderOptions
            {
                HasHeader = false, TrackLineNumbers = true, MaxRecordSize = 64 * 1024,
            });
            while (reader.Read())
            {
                if (rows.Count > ProjectRules.MaxRowsPerBatch + 1) break; // enough to say there are too many
                if (reader.FieldCount > 50) return (null, new(400, "The file is not a table of measurements", [$"Row {reader.LineNumber}: it has more than 50 columns."]));
                rows.Add(((int)reader.LineNumber, Enumerable.Range(0, reader.FieldCount).Select(i => new Cell(reader.GetString(i))).ToList()));
            }
        }
        catch (CsvFormatException)
        {
            return (null, new(400, "The file is not a CSV GuidanceFlow can read", ["Save the file as CSV UTF-8 (comma delimited)."]));
        }
        return (rows, null);
    }

    private static (List<(int Number, IReadOnlyList<Cell> Cells)>?, UploadRefusal?) WorkbookRows(byte[] file)
    {
        var (document, refused) = BaselineUpload.OpenSafely(file);
        if (refused is not null) return (null, refused);
        using (document!)
        {
            var book = document!.WorkbookPart;
            var sheets = book?.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheets.FirstOrDefault(s => string.Equals(s.Name, "Measurements", StringComparison.OrdinalIgnoreCase))
                        ?? sheets.FirstOrDefault(s => s.State is null);
            if (book is null || sheet?.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
                return (null, new(400, "The workbook has no sheet to read", ["Put the measurements on the first sheet, with the headers Period and Value."]));
            var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var rows = new List<(int, IReadOnlyList<Cell>)>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                if (rows.Count > ProjectRules.MaxRowsPerBatch + 1) break;
                var byColumn = new Dictionary<int, Cell>();
                foreach (var c in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
                {
                    var column = ColumnIndex(BaselineUpload.Column(c.CellReference?.Value));
                    if (column is < 0 or >= 50) continue;
                    var number = c.DataType is null || c.DataType.Value == CellValues.Number;
                    byColumn[column] = new Cell(BaselineUpload.Text(c, strings), number, c.CellFormula is not null);
                }
                var cells = Enumerable.Range(0, byColumn.Count == 0 ? 0 : byColumn.Keys.Max() + 1)
                    .Select(i => byColumn.GetValueOrDefault(i) ?? new Cell("")).ToList();
                rows.Add(((int)(row.RowIndex?.Value ?? (uint)rows.Count + 1), cells));
            }
            return (rows, null);
        }
    }

    /// <summary>"A" → 0, "AB" → 27; -1 when there is no column letter.</summary>
    private static int ColumnIndex(string letters) =>
        letters.Length is 0 or > 3 ? -1 : letters.ToUpperInvariant().Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1)) - 1;

    [GeneratedRegex(@"^points\[(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex PointIndex();

    [GeneratedRegex(@"\b([Rr])ow (\d+)")]
    private static partial Regex BatchRow();
}

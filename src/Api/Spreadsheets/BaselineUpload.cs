using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>Why a file cannot be read as a baseline assessment workbook; <see cref="Status"/> 400, 409 or 413.</summary>
public sealed record UploadRefusal(int Status, string Title, IReadOnlyList<string> Problems);

/// <summary>A baseline assessment workbook as uploaded: who and what it says it is for, and its answers by row.</summary>
public sealed record BaselineAnswers(IReadOnlyDictionary<string, string> Ids, IReadOnlyList<(int Row, RecommendationResponse Answer)> Answers);

/// <summary>
/// Reads an uploaded baseline assessment workbook, suspicious of it: a size cap before anything else, the zip
/// checked for what it would unpack to (a zip bomb is refused unopened), no formula ever run (a cell holding one is
/// refused), every row checked and every problem named by its row and recommendation — all or nothing.
/// </summary>
public static class BaselineUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 5000;
    private const long MaxUnpackedBytes = 100L * 1024 * 1024;
    private const int MaxEntries = 500;
    private const double MaxRatio = 200;

    /// <summary>The workbook, opened only once its size and its zip directory are known to be sound; or why not.</summary>
    internal static (SpreadsheetDocument? Document, UploadRefusal? Refusal) OpenSafely(byte[] file)
    {
        if (file.LongLength > MaxBytes) return (null, new(413, "The file is too large", [$"A workbook can be at most {MaxBytes / 1024 / 1024} MB."]));
        if (ZipProblem(file) is { } zip) return (null, new(400, "The file is not a workbook GuidanceFlow can read", [zip]));
        try
        {
            return (SpreadsheetDocument.Open(new MemoryStream(file, writable: false), false), null);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            return (null, new(400, "The file is not a workbook GuidanceFlow can read", ["Upload an .xlsx file saved as an Excel workbook."]));
        }
    }

    public static (BaselineAnswers? Answers, UploadRefusal? Refusal) Read(byte[] file)
    {
        var (document, refused) = OpenSafely(file);
        if (refused is not null) return (null, refused);
        using (document!)
        {
            var book = document.WorkbookPart;
            var sheets = book?.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            WorksheetPart? Part(string name) => sheets.FirstOrDefault(s => s.Name == name) is { Id.Value: { } id } ? book!.GetPartById(id) as WorksheetPart : null;
            var idsPart = Part(BaselineWorkbook.IdsSheet);
            var assessment = Part(BaselineWorkbook.AssessmentSheet);
            if (book is null || idsPart is null || assessment is null)
                return Refuse(400, "This is not a GuidanceFlow baseline assessment workbook",
                    "Its sheets 'Baseline assessment' and the hidden 'GuidanceFlow' are missing: download the sheet from the review and fill that in.");
            var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];

            var ids = new Dictionary<string, string>();
            foreach (var row in idsPart.Worksheet.Descendants<Row>().Take(50))
            {
                var cells = row.Elements<Cell>().ToList();
                if (cells.Count >= 1) ids[Text(cells[0], strings)] = cells.Count >= 2 ? Text(cells[1], strings) : "";
            }
            if (ids.GetValueOrDefault("format") != BaselineWorkbook.Format)
                return Refuse(400, "This is not a GuidanceFlow baseline assessment workbook", "Its hidden sheet does not say which review it is for.");

            var rows = assessment.Worksheet.Descendants<Row>().ToList();
            if (rows.Count - 1 > MaxRows) return Refuse(413, "The file has too many rows", $"A baseline assessment workbook can have at most {MaxRows:N0} rows.");

            var problems = new List<string>();
            var answers = new List<(int, RecommendationResponse)>();
            foreach (var row in rows.Where(r => r.RowIndex?.Value > 1))
            {
                var index = (int)row.RowIndex!.Value;
                var cells = row.Elements<Cell>().ToDictionary(c => Column(c.CellReference?.Value), c => c);
                string Get(string column) => cells.TryGetValue(column, out var c) ? Text(c, strings).Trim() : "";
                var number = Get("A");
                if (number.Length == 0 && cells.Values.All(c => Text(c, strings).Trim().Length == 0)) continue;
                var where = $"Row {index} ({(number.Length > 0 ? number : "no number")})";
                var formula = cells.Where(c => c.Value.CellFormula is not null).Select(c => c.Key).Order().FirstOrDefault();
                if (formula is not null)
                {
                    problems.Add($"{where}: column {formula} holds a formula. GuidanceFlow never runs formulas: type the value itself.");
                    continue;
                }
                var answer = ReadRow(where, number, Get, cells, problems);
                if (answer is not null) answers.Add((index, answer));
            }
            if (problems.Count > 0) return Refuse(400, "The workbook has problems; nothing was saved", problems);
            return (new BaselineAnswers(ids, answers), null);
        }
    }

    private static RecommendationResponse? ReadRow(string where, string number, Func<string, string> get, Dictionary<string, Cell> cells,
        List<string> problems)
    {
        var (relevant, words) = (get("D"), get("F"));
        string? Optional(string column) => get(column) is { Length: > 0 } text ? GuidanceFlow.Api.Queries.SpreadsheetText.AsTyped(text) : null;
        var rest = new[] { "E", "G", "H", "I", "J", "K", "L" }.Any(c => get(c).Length > 0);
        if (relevant.Length == 0 && words.Length == 0 && !rest) return null; // not answered: left alone

        Compliance? compliance = null;
        if (words.Length > 0)
        {
            compliance = BaselineWorkbook.ComplianceWords.Where(w => string.Equals(w.Words, words, StringComparison.OrdinalIgnoreCase)
                                                                     || string.Equals(w.Value.ToString(), words, StringComparison.OrdinalIgnoreCase))
                .Select(w => (Compliance?)w.Value).FirstOrDefault();
            if (compliance is null)
                problems.Add($"{where}: compliance '{words}' is not one of {string.Join(", ", BaselineWorkbook.ComplianceWords.Select(w => w.Words))}.");
        }
        if (relevant.Length > 0 && !relevant.Equals("Yes", StringComparison.OrdinalIgnoreCase) && !relevant.Equals("No", StringComparison.OrdinalIgnoreCase))
            problems.Add($"{where}: relevant to us? '{relevant}' is not Yes or No.");
        else if (relevant.Equals("No", StringComparison.OrdinalIgnoreCase))
        {
            if (compliance is not null and not Compliance.NotApplicable)
                problems.Add($"{where}: it says the recommendation is not relevant to you but its compliance is '{words}'; choose Not applicable or say it is relevant.");
            compliance ??= Compliance.NotApplicable;
        }
        else if (words.Length == 0)
            problems.Add($"{where}: compliance is missing; choose Met, Partially met, Not met or Not applicable.");

        var target = DateIn(where, cells.GetValueOrDefault("J"), get("J"), problems);
        var oneOff = MoneyIn(where, "one-off cost", get("K"), problems);
        var recurrent = MoneyIn(where, "recurrent cost", get("L"), problems);
        if (number.Length == 0) problems.Add($"{where}: the recommendation number is missing.");
        return compliance is { } c && number.Length > 0
            ? new RecommendationResponse(number, c, Optional("E"), Optional("G"), Optional("H"), Optional("I"), target, oneOff, recurrent)
            : null;
    }

    private static DateOnly? DateIn(string where, Cell? cell, string text, List<string> problems)
    {
        if (text.Length == 0) return null;
        // Excel keeps a date as a number of days; one typed as text is read the British way.
        if (cell?.DataType is null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        if (DateOnly.TryParseExact(text, ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "d MMMM yyyy", "d MMM yyyy"], CultureInfo.GetCultureInfo("en-GB"),
                DateTimeStyles.None, out var date))
            return date;
        problems.Add($"{where}: target date '{text}' is not a date; enter it like 31/03/2027.");
        return null;
    }

    private static decimal? MoneyIn(string where, string what, string text, List<string> problems)
    {
        if (text.Length == 0) return null;
        var cleaned = text.Replace("£", "").Replace(",", "").Trim();
        if (decimal.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) return decimal.Round(amount, 2);
        problems.Add($"{where}: {what} '{text}' is not an amount in pounds.");
        return null;
    }

    /// <summary>What the zip would unpack to, read from its directory before anything is unpacked.</summary>
    private static string? ZipProblem(byte[] file)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) return "The file holds too many parts to be a baseline assessment workbook.";
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUnpackedBytes || (entry.CompressedLength > 0 && (double)entry.Length / entry.CompressedLength > MaxRatio))
                    return "The file would unpack to far more than a workbook holds (a zip bomb?), so it was not opened.";
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return "It is not an .xlsx workbook (an .xlsx file is a zip archive, and this one is not, or it is damaged).";
        }
    }

    internal static string Column(string? reference) => new((reference ?? "").TakeWhile(char.IsAsciiLetter).ToArray());

    /// <summary>A cell's value as written: shared or inline text, or the number as stored — never a formula's result computed here.</summary>
    internal static string Text(Cell cell, List<string> strings)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        return raw;
    }

    private static (BaselineAnswers?, UploadRefusal?) Refuse(int status, string title, params string[] problems) => (null, new(status, title, problems));
    private static (BaselineAnswers?, UploadRefusal?) Refuse(int status, string title, List<string> problems) => (null, new(status, title, problems));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Spreadsheets;

/// <summary>One recommendation's row: what NICE says, and the stakeholder's answer so far (their latest, or their draft).</summary>
public sealed record BaselineRow(string Number, string Text, RecommendationStrength? Strength, RecommendationResponse? Answer);

/// <summary>Who and what a baseline assessment workbook is for; the hidden sheet carries its ids so an upload can be matched.</summary>
public sealed record BaselineSheet(
    Guid ReviewId, long ReviewVersion, string GuidanceId, string Title, DateOnly Published, string Group, DateTimeOffset? ResponseDeadline,
    string MadeFor, string? StakeholderId, string GridFingerprint, IReadOnlyList<BaselineRow> Rows, DateTimeOffset MadeAt, string ReviewUrl);

/// <summary>
/// The baseline assessment spreadsheet, laid out as NICE's baseline assessment tool is: a front sheet, then one row
/// per recommendation with what the stakeholder fills in — compliance from a drop-down, dates and costs checked as
/// they are typed, RAG colouring by compliance — the header frozen, text wrapped, and what NICE says locked.
/// </summary>
public static class BaselineWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string AssessmentSheet = "Baseline assessment";
    public const string IdsSheet = "GuidanceFlow";
    public const string Format = "guidanceflow-baseline-1";

    /// <summary>The compliance words on the sheet, in the order of the drop-down.</summary>
    public static readonly IReadOnlyList<(Compliance Value, string Words)> ComplianceWords =
        [(Compliance.Met, "Met"), (Compliance.PartiallyMet, "Partially met"), (Compliance.NotMet, "Not met"), (Compliance.NotApplicable, "Not applicable")];

    public static readonly IReadOnlyList<string> Columns =
    [
        "Number", "Recommendation", "Strength", "Relevant to us?", "Current practice and evidence", "Compliance", "Barriers",
        "Actions needed", "Lead", "Target date", "One-off cost (£)", "Recurrent cost (£)",
    ];

    private static readonly double[] Widths = [10, 60, 18, 12, 40, 16, 35, 35, 20, 14, 14, 14];

    /// <summary>A fingerprint of the grid (numbers and words, in order): a sheet made for another grid is told apart on upload.</summary>
    public static string GridFingerprint(IEnumerable<(string Number, string Text)> grid) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", grid.Select(r => $"{r.Number}\t{r.Text}")))))[..16];

    public static byte[] Write(BaselineSheet sheet)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddStyles(workbook);
            AddSheet(workbook, "About", 1, FrontSheet(sheet), SheetStateValues.Visible);
            AddSheet(workbook, AssessmentSheet, 2, Assessment(sheet), SheetStateValues.Visible);
            AddSheet(workbook, IdsSheet, 3, Ids(sheet), SheetStateValues.Hidden);
            workbook.Workbook.Save();
        }
        return memory.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, uint id, Worksheet worksheet, SheetStateValues state)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name, State = state });
    }

    // Style indexes (AddStyles): 0 plain, 1 header (bold, wrapped, locked), 2 locked wrapped, 3 unlocked wrapped, 4 unlocked date, 5 unlocked money, 6 title.
    private const uint Plain = 0, Header = 1, LockedText = 2, Open = 3, OpenDate = 4, OpenMoney = 5, Title = 6;

    private static Worksheet FrontSheet(BaselineSheet s)
    {
        var rows = new List<(string, string)>
        {
            ("Guidance", $"{s.GuidanceId}: {s.Title}"),
            ("Published by NICE", s.Published.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))),
            ("Implementation group", s.Group),
            ("Responses due", s.ResponseDeadline is { } d ? UkTime.Format(d) : "Not set yet"),
            ("For", s.MadeFor),
            ("Made", UkTime.Format(s.MadeAt)),
            ("The review", s.ReviewUrl),
            ("How to fill it in", "On the sheet 'Baseline assessment', answer each recommendation that applies to your service: compliance from the list, " +
                "then practice, barriers, actions, lead, target date and costs. Upload the sheet to the review to submit or save it as a draft. " +
                "Do not change the numbers, the recommendations or the hidden sheet: they tell GuidanceFlow which review and grid the answers are for."),
        };
        var data = new SheetData();
        data.Append(Row(1, [Cell("A", 1, $"Baseline assessment: {s.GuidanceId}", Title)]));
        uint r = 3;
        foreach (var (key, value) in rows) { data.Append(Row(r, [Cell("A", r, key, Header), Cell("B", r, value, LockedText)])); r++; }
        return new Worksheet(new Columns(ColumnWidth(1, 24), ColumnWidth(2, 100)), data);
    }

    private static Worksheet Assessment(BaselineSheet s)
    {
        var data = new SheetData();
        data.Append(Row(1, Columns.Select((c, i) => Cell(Letter(i), 1, c, Header))));
        uint r = 2;
        foreach (var row in s.Rows)
        {
            var a = row.Answer;
            data.Append(Row(r,
            [
                Cell("A", r, row.Number, LockedText), Cell("B", r, row.Text, LockedText), Cell("C", r, Words(row.Strength), LockedText),
                Cell("D", r, a is null ? "" : a.Compliance == Compliance.NotApplicable ? "No" : "Yes", Open),
                Cell("E", r, a?.CurrentPractice, Open),
                Cell("F", r, a is null ? "" : ComplianceWords.Single(w => w.Value == a.Compliance).Words, Open),
                Cell("G", r, a?.Barriers, Open), Cell("H", r, a?.ActionsNeeded, Open), Cell("I", r, a?.Lead, Open),
                DateCell("J", r, a?.TargetDate), MoneyCell("K", r, a?.EstimatedOneOffCost), MoneyCell("L", r, a?.EstimatedRecurrentCost),
            ]));
            r++;
        }
        var last = Math.Max(r - 1, 2);
        var worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }),
            new Columns(Widths.Select((w, i) => ColumnWidth((uint)i + 1, w))),
            data,
            // The recommendations stay as NICE wrote them: the sheet is protected, its answer cells unlocked. No password: it guards against slips, not people.
            new SheetProtection { Sheet = true, FormatColumns = false, FormatRows = false, Sort = false, AutoFilter = false },
            Rag(last),
            Validations(last));
        return worksheet;
    }

    /// <summary>RAG by compliance: met green, partially met amber, not met red (the fills are styles 0–2 of the differential formats).</summary>
    private static ConditionalFormatting Rag(uint last)
    {
        var formatting = new ConditionalFormatting { SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A2:L{last}" } };
        var (priority, dxf) = (1, 0u);
        foreach (var words in new[] { "Met", "Partially met", "Not met" })
            formatting.Append(new ConditionalFormattingRule(new Formula($"$F2=\"{words}\"")) { Type = ConditionalFormatValues.Expression, FormatId = dxf++, Priority = priority++ });
        return formatting;
    }

    private static DataValidations Validations(uint last)
    {
        DataValidation List(string column, string items, string prompt) => new(new Formula1($"\"{items}\""))
        {
            Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ShowInputMessage = true,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{last}" },
            ErrorTitle = "Choose from the list", Error = prompt, PromptTitle = "Choose from the list", Prompt = prompt,
        };
        DataValidation Money(string column) => new(new Formula1("0"), new Formula2("100000000"))
        {
            Type = DataValidationValues.Decimal, Operator = DataValidationOperatorValues.Between, AllowBlank = true, ShowErrorMessage = true,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{last}" },
            ErrorTitle = "An amount in pounds", Error = "Enter an amount in pounds from 0 to 100,000,000, without the £ sign.",
        };
        var validations = new DataValidations(
            List("F", string.Join(",", ComplianceWords.Select(w => w.Words)), "Met, Partially met, Not met or Not applicable."),
            List("D", "Yes,No", "Yes if the recommendation applies to your service, No if not."),
            new DataValidation(new Formula1("36526"), new Formula2("73051"))
            {
                Type = DataValidationValues.Date, Operator = DataValidationOperatorValues.Between, AllowBlank = true, ShowErrorMessage = true,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"J2:J{last}" },
                ErrorTitle = "A date", Error = "Enter the target date as a date, for example 31/03/2027.",
            },
            Money("K"), Money("L"));
        validations.Count = (uint)validations.ChildElements.Count;
        return validations;
    }

    private static Worksheet Ids(BaselineSheet s)
    {
        var data = new SheetData();
        uint r = 1;
        foreach (var (key, value) in new[]
                 {
                     ("format", Format), ("review", s.ReviewId.ToString()), ("guidance", s.GuidanceId), ("grid", s.GridFingerprint),
                     ("reviewVersion", s.ReviewVersion.ToString(CultureInfo.InvariantCulture)), ("stakeholder", s.StakeholderId ?? ""),
                 })
        { data.Append(Row(r, [Cell("A", r, key, Plain), Cell("B", r, value, Plain)])); r++; }
        return new Worksheet(data);
    }

    private static string Words(RecommendationStrength? strength) => strength is { } s ? CatalogueRecommendation.Describe(s) : "";

    private static string Letter(int index) => ((char)('A' + index)).ToString();

    private static Row Row(uint index, IEnumerable<Cell> cells) => new(cells) { RowIndex = index };

    /// <summary>Text as text (never a formula; and, for the programs that would run it, formula-like text marked as text).</summary>
    private static Cell Cell(string column, uint row, string? text, uint style) => new()
    {
        CellReference = $"{column}{row}", DataType = CellValues.InlineString, StyleIndex = style,
        InlineString = new InlineString(new Text(SpreadsheetText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell DateCell(string column, uint row, DateOnly? date) => date is { } d
        ? new Cell { CellReference = $"{column}{row}", StyleIndex = OpenDate, CellValue = new CellValue((d.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).TotalDays.ToString(CultureInfo.InvariantCulture)) }
        : new Cell { CellReference = $"{column}{row}", StyleIndex = OpenDate };

    private static Cell MoneyCell(string column, uint row, decimal? amount) => amount is { } m
        ? new Cell { CellReference = $"{column}{row}", StyleIndex = OpenMoney, CellValue = new CellValue(m.ToString(CultureInfo.InvariantCulture)) }
        : new Cell { CellReference = $"{column}{row}", StyleIndex = OpenMoney };

    private static Column ColumnWidth(uint index, double width) => new() { Min = index, Max = index, Width = width, CustomWidth = true };

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }) { PatternType = PatternValues.Solid });
        static CellFormat Format(uint font, uint fill, bool locked, bool wrap, uint numberFormat = 0) => new(
            new Alignment { WrapText = wrap, Vertical = VerticalAlignmentValues.Top }, new Protection { Locked = locked })
        {
            FontId = font, FillId = fill, BorderId = 0, NumberFormatId = numberFormat, ApplyAlignment = true, ApplyProtection = true,
            ApplyFont = font != 0, ApplyFill = fill != 0, ApplyNumberFormat = numberFormat != 0,
        };
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" }) { Count = 1 },
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "Arial" })) { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFE8EDEE")) { Count = 3 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                Format(0, 0, true, false), Format(1, 2, true, true), Format(0, 0, true, true), Format(0, 0, false, true),
                Format(0, 0, false, false, 14), Format(0, 0, false, false, 164), Format(2, 0, true, false)) { Count = 7 },
            // Differential formats for the RAG colouring: green, amber, red.
            new DifferentialFormats(
                new DifferentialFormat(new Fill(new PatternFill(new BackgroundColor { Rgb = "FFCCE8D4" }) { PatternType = PatternValues.Solid })),
                new DifferentialFormat(new Fill(new PatternFill(new BackgroundColor { Rgb = "FFFFEBB0" }) { PatternType = PatternValues.Solid })),
                new DifferentialFormat(new Fill(new PatternFill(new BackgroundColor { Rgb = "FFF6D3D3" }) { PatternType = PatternValues.Solid }))) { Count = 3 });
        styles.Stylesheet.Save();
    }
}

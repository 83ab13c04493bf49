using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Api.Spreadsheets;

namespace GuidanceFlow.Api.Tests;

/// <summary>The baseline assessment spreadsheet downloaded: laid out as NICE's tool, pre-filled for a stakeholder, safe to open.</summary>
public class BaselineSpreadsheetTests(AppFixture app) : IntegrationTest(app)
{
    private sealed record Workbook(IReadOnlyList<(string Name, string? State)> Sheets, Dictionary<string, string> Ids,
        List<List<string>> Rows, Worksheet Assessment, Stylesheet Styles);

    private static Workbook Open(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var book = document.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Worksheet Of(string name) => ((WorksheetPart)book.GetPartById(sheets.Single(s => s.Name == name).Id!)).Worksheet;
        static string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
        var ids = Of(BaselineWorkbook.IdsSheet).Descendants<Row>().ToDictionary(r => Text(r.Elements<Cell>().First()), r => Text(r.Elements<Cell>().Last()));
        var assessment = (Worksheet)Of(BaselineWorkbook.AssessmentSheet).CloneNode(true);
        var rows = assessment.Descendants<Row>().Select(r => r.Elements<Cell>().Select(Text).ToList()).ToList();
        return new(sheets.Select(s => (s.Name!.Value!, s.State?.ToString())).ToList(), ids, rows, assessment,
            (Stylesheet)book.WorkbookStylesPart!.Stylesheet.CloneNode(true));
    }

    private async Task<byte[]> Download(string user, Guid id, string? query = null)
    {
        var response = await Api.Get(user, $"/api/reviews/{id}/baseline.xlsx{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(BaselineWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_stakeholders_sheet_is_prefilled_locked_where_nice_speaks_checked_where_they_type_and_identifies_itself()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "PartiallyMet", barriers: "=HYPERLINK(\"http://evil.example\")", recurrent: 1200m));

        var bytes = await Download("tom.hadley", review.Id);
        // A valid Office Open XML workbook, by the SDK's own schema validator.
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        var sheet = Open(bytes);
        Assert.Equal([("About", null), (BaselineWorkbook.AssessmentSheet, null), (BaselineWorkbook.IdsSheet, "hidden")],
            sheet.Sheets.Select(s => (s.Name, s.State == "hidden" ? "hidden" : null)));
        Assert.Equal(review.Id.ToString(), sheet.Ids["review"]);
        Assert.Equal("tom.hadley", sheet.Ids["stakeholder"]);
        Assert.Equal(BaselineWorkbook.Format, sheet.Ids["format"]);

        Assert.Equal(BaselineWorkbook.Columns, sheet.Rows[0]);
        Assert.Equal(["1.1.1", "1.2.1", "1.3.1"], sheet.Rows.Skip(1).Select(r => r[0]));
        var answered = sheet.Rows[1];
        Assert.Equal(("Yes", "Partially met", "1200"), (answered[3], answered[5], answered[11]));
        // Formula-like text goes out as text: a spreadsheet program shows it, never runs it.
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", answered[6]);
        Assert.All(sheet.Rows.Skip(2), r => Assert.Equal("", r[5]));

        var ws = sheet.Assessment;
        Assert.True(ws.Elements<SheetProtection>().Single().Sheet?.Value);
        Assert.Equal(PaneStateValues.Frozen, ws.Descendants<Pane>().Single().State?.Value);
        var compliance = ws.Descendants<DataValidation>().Single(v => v.SequenceOfReferences!.InnerText == "F2:F4");
        Assert.Equal("\"Met,Partially met,Not met,Not applicable\"", compliance.Formula1!.Text);
        Assert.Equal(DataValidationValues.List, compliance.Type!.Value);
        Assert.Equal(3, ws.Descendants<ConditionalFormattingRule>().Count());
        // Number and recommendation locked, the answers open to edit.
        bool Locked(string reference)
        {
            var cell = ws.Descendants<Cell>().Single(c => c.CellReference == reference);
            var format = sheet.Styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
            return format.Protection?.Locked?.Value ?? true;
        }
        Assert.True(Locked("A2") && Locked("B2") && Locked("C2"));
        Assert.False(Locked("F2") || Locked("E2") || Locked("L2"));
    }

    [Fact]
    public async Task The_chair_gets_the_blank_sheet_and_others_are_refused_as_for_the_review()
    {
        var review = await Api.ReviewInWindow("tom.hadley");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));
        var blank = Open(await Download(Api.Chair, review.Id));
        Assert.Equal("", blank.Ids["stakeholder"]);
        Assert.All(blank.Rows.Skip(1), r => Assert.Equal("", r[5]));

        await Api.Problem(await Api.Get("margaret.ellis", $"/api/reviews/{review.Id}/baseline.xlsx"), 404);
        await Api.Problem(await Api.Get("tom.hadley", $"/api/reviews/{review.Id}/baseline.xlsx?for=sunil.mehta"), 403);
        var noGrid = await Api.OpenReview();
        await Api.Problem(await Api.Get(Api.Chair, $"/api/reviews/{noGrid.Id}/baseline.xlsx"), 409);
    }

    [Fact]
    public async Task The_collated_workbook_has_a_summary_matrix_and_a_sheet_per_sector_for_the_groups_members()
    {
        var review = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");
        await Api.Respond(review.Id, "tom.hadley", Api.Answer("1.1.1", "Met"), Api.Answer("1.2.1", "NotMet", barriers: "+44 line busy", recurrent: 300m));
        await Api.Respond(review.Id, "sunil.mehta", Api.Answer("1.1.1", "PartiallyMet"));

        var response = await Api.Get("rachel.stone", $"/api/reviews/{review.Id}/collated.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
        var book = document.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(3, sheets.Count);
        Assert.Equal("Summary", sheets[0].Name!.Value);
        List<List<string>> Rows(Sheet sheet) => ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        var summary = Rows(sheets[0]);
        Assert.Equal(["1.1.1", "1", "1", "0", "0", "0"], summary[1].Take(1).Concat(summary[1].Skip(2).Take(5)));
        Assert.Equal(["1.2.1", "0", "0", "1", "0", "1"], summary[2].Take(1).Concat(summary[2].Skip(2).Take(5)));
        var secondary = Rows(sheets.Single(s => s.Name!.Value!.StartsWith("Secondary")));
        Assert.Equal(["1.1.1", "1.2.1"], secondary.Skip(1).Select(r => r[0]));
        Assert.Equal("'+44 line busy", secondary[2][6]);

        await Api.Problem(await Api.Get("tom.hadley", $"/api/reviews/{review.Id}/collated.xlsx"), 403);
        await Api.Problem(await Api.Get("margaret.ellis", $"/api/reviews/{review.Id}/collated.xlsx"), 404);
    }
}

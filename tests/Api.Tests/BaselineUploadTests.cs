using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A stakeholder's filled baseline assessment workbook uploaded: submitted or saved as a draft, every row checked,
/// any problem refusing the whole file by row and recommendation, and hostile files refused unopened.
/// </summary>
public class BaselineUploadTests(AppFixture app) : IntegrationTest(app)
{
    private const string Tom = "tom.hadley";

    private async Task<byte[]> Download(string user, Guid id) =>
        await (await Api.Get(user, $"/api/reviews/{id}/baseline.xlsx")).Content.ReadAsByteArrayAsync();

    private static byte[] Fill(byte[] workbook, params (string Cell, string Value)[] typed) => Workbooks.Fill(workbook, typed);

    private Task<HttpResponseMessage> Upload(string user, Guid id, byte[] file, string query = "", string type = BaselineWorkbook.ContentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/baseline.xlsx{query}") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
        request.Headers.Add(GuidanceFlow.Api.Identity.DevelopmentAuthenticationHandler.Header, user);
        return Host.Server.CreateClient().SendAsync(request);
    }

    private static string[] FileErrors(System.Text.Json.JsonElement problem) =>
        problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task A_filled_sheet_is_submitted_and_its_answers_are_the_stakeholders_response()
    {
        var review = await Api.ReviewInWindow(Tom, "sunil.mehta");
        var filled = Fill(await Download(Tom, review.Id),
            ("D2", "Yes"), ("F2", "Partially met"), ("E2", "Checked at every clinic"), ("G2", "'=1+1"), ("J2", "31/03/2027"), ("L2", "£1,250.50"),
            ("D3", "No"));
        var view = await Api.Read<ReviewView>(await Upload(Tom, review.Id, filled));

        var mine = view.Responses.Where(r => r.StakeholderId == Tom).ToDictionary(r => r.Response.RecommendationNumber, r => r.Response);
        Assert.Equal(["1.1.1", "1.2.1"], mine.Keys.Order());
        Assert.Equal((Compliance.PartiallyMet, "Checked at every clinic", new DateOnly(2027, 3, 31), 1250.50m),
            (mine["1.1.1"].Compliance, mine["1.1.1"].CurrentPractice, mine["1.1.1"].TargetDate, mine["1.1.1"].EstimatedRecurrentCost!.Value));
        // The apostrophe that kept the text from running as a formula is not part of what Tom said.
        Assert.Equal("=1+1", mine["1.1.1"].Barriers);
        Assert.Equal(Compliance.NotApplicable, mine["1.2.1"].Compliance);

        // Saved as a draft from the sheet: the next download is pre-filled with the draft, which is newer than the submission.
        var draft = Fill(await Download(Tom, review.Id), ("F2", "Met"));
        Assert.Equal(HttpStatusCode.OK, (await Upload(Tom, review.Id, draft, "?as=draft")).StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await Download(Tom, review.Id)), false);
        var book = document.WorkbookPart!;
        var part = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == BaselineWorkbook.AssessmentSheet).Id!);
        Assert.Equal("Met", part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == "F2").InnerText);
        Assert.Equal(Compliance.PartiallyMet, (await Api.View(review.Id)).Responses.Single(r => r.StakeholderId == Tom && r.Response.RecommendationNumber == "1.1.1").Response.Compliance);
    }

    [Fact]
    public async Task Every_bad_row_is_named_and_nothing_is_saved_from_the_file()
    {
        var review = await Api.ReviewInWindow(Tom);
        var before = await AllEventsCount();
        var filled = Fill(await Download(Tom, review.Id),
            ("F2", "Met"), ("F3", "Sometimes"), ("D4", "No"), ("F4", "Met"), ("J2", "next spring"), ("K2", "lots"), ("E4", "=A1"));
        var problem = await Api.Problem(await Upload(Tom, review.Id, filled), 400);
        Assert.Equal(
        [
            "Row 2 (1.1.1): target date 'next spring' is not a date; enter it like 31/03/2027.",
            "Row 2 (1.1.1): one-off cost 'lots' is not an amount in pounds.",
            "Row 3 (1.2.1): compliance 'Sometimes' is not one of Met, Partially met, Not met, Not applicable.",
            "Row 4 (1.3.1): column E holds a formula. GuidanceFlow never runs formulas: type the value itself.",
        ], FileErrors(problem));
        Assert.Equal(before, await AllEventsCount());

        // The rules' own checks are named by row too.
        var tooLong = Fill(await Download(Tom, review.Id), ("F2", "Met"), ("G2", new string('x', 5000)));
        Assert.StartsWith("Row 2 (1.1.1): ", FileErrors(await Api.Problem(await Upload(Tom, review.Id, tooLong), 400)).Single());
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task A_sheet_for_another_review_another_stakeholder_the_blank_one_or_an_older_grid_is_refused_with_the_reason()
    {
        var review = await Api.OpenReview();
        await Api.CreateGrid(review.Id);
        await Api.Invite(review.Id, Tom, "sunil.mehta");
        var beforeTheGridChanged = Fill(await Download(Tom, review.Id), ("F2", "Met"));
        await Api.CreateGrid(review.Id, "1.1.1", "1.2.1", "1.4.1");
        await Api.OpenWindow(review.Id);
        var other = await Api.ReviewInWindow(Tom);
        var before = await AllEventsCount();

        Assert.Contains("older grid", (await Api.Problem(await Upload(Tom, review.Id, beforeTheGridChanged), 409)).GetProperty("detail").GetString());
        Assert.Contains("another review", FileErrors(await Api.Problem(await Upload(Tom, other.Id, Fill(await Download(Tom, review.Id), ("F2", "Met"))), 400))[0]);
        Assert.Contains("made for sunil.mehta", FileErrors(await Api.Problem(await Upload(Tom, review.Id, await Download("sunil.mehta", review.Id)), 400))[0]);
        Assert.Contains("blank sheet", FileErrors(await Api.Problem(await Upload(Tom, review.Id, await Download(Api.Chair, review.Id)), 400))[0]);
        Assert.Equal(before, await AllEventsCount());
    }

    [Fact]
    public async Task Hostile_files_are_refused_unopened_with_a_clear_answer()
    {
        var review = await Api.ReviewInWindow(Tom);
        var before = await AllEventsCount();
        var good = Fill(await Download(Tom, review.Id), ("F2", "Met"));

        await Api.Problem(await Upload(Tom, review.Id, good, type: "text/csv"), 415);
        Assert.Contains("not an .xlsx workbook", FileErrors(await Api.Problem(await Upload(Tom, review.Id, "just some text"u8.ToArray()), 400))[0]);
        Assert.Contains("not an .xlsx workbook", FileErrors(await Api.Problem(await Upload(Tom, review.Id, good[..(good.Length / 2)]), 400))[0]);
        Assert.Contains("zip bomb", FileErrors(await Api.Problem(await Upload(Tom, review.Id, ZipBomb()), 400))[0]);
        await Api.Problem(await Upload(Tom, review.Id, new byte[BaselineUpload.MaxBytes + 1]), 413);
        Assert.Contains("5,000 rows", (await Api.Problem(await Upload(Tom, review.Id, TooManyRows(review.Id)), 413)).GetProperty("detail").GetString());
        Assert.Contains("not a GuidanceFlow baseline assessment", (await Api.Problem(await Upload(Tom, review.Id, PlainWorkbook()), 400)).GetProperty("title").GetString());
        await Api.Problem(await Upload(Tom, review.Id, good, "?as=maybe"), 400);
        Assert.Equal(before, await AllEventsCount());
    }

    /// <summary>A small zip whose one entry unpacks to 300 MB of zeros.</summary>
    private static byte[] ZipBomb()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++) entry.Write(zeros);
        }
        return memory.ToArray();
    }

    private static byte[] TooManyRows(Guid reviewId) => BaselineWorkbook.Write(new BaselineSheet(reviewId, 1, "NG115", "COPD", new DateOnly(2018, 12, 5),
        "Riverside", null, "Dr Tom Hadley", Tom, "x", Enumerable.Range(1, BaselineUpload.MaxRows + 1).Select(i => new BaselineRow($"1.{i}", "x", null, null)).ToList(),
        DateTimeOffset.UtcNow, "http://localhost"));

    private static byte[] PlainWorkbook()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook(new Sheets());
            var part = book.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(new SheetData());
            book.Workbook.Sheets!.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = 1, Name = "Sheet1" });
        }
        return memory.ToArray();
    }

    private static byte[] GridSheet(params (string Number, string Text)[] rows) => BaselineWorkbook.Write(new BaselineSheet(Guid.NewGuid(), 1, "NG115",
        "COPD", new DateOnly(2018, 12, 5), "Riverside", null, "chair", null, "x", rows.Select(r => new BaselineRow(r.Number, r.Text, null, null)).ToList(),
        DateTimeOffset.UtcNow, "http://localhost"));

    [Fact]
    public async Task The_chair_builds_the_grid_from_a_sheet_and_a_bad_row_is_named()
    {
        var review = await Api.OpenReview();
        var bad = await Api.Problem(await GridUpload(Api.Chair, review.Id, GridSheet(("1.1", "Offer a spirometry test."), ("1.x", "Consider a review."), ("1.3", ""))), 400);
        Assert.Equal(["Row 4 (1.3): the recommendation's words are missing."], FileErrors(bad));
        await Api.Problem(await Api.Send(Api.Chair, HttpMethod.Post, $"/api/reviews/{review.Id}/grid.xlsx", "{}"), 415);
        Assert.Empty((await Api.View(review.Id)).Recommendations);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{review.Id}/grid.xlsx")
            { Content = new ByteArrayContent(GridSheet(("1.1", "Offer a spirometry test."), ("1.x", "Consider a review."))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(BaselineWorkbook.ContentType);
        request.Headers.Add(GuidanceFlow.Api.Identity.DevelopmentAuthenticationHandler.Header, Api.Chair);
        Assert.StartsWith("Row 3 (1.x): ", FileErrors(await Api.Problem(await Host.Server.CreateClient().SendAsync(request), 400))[0]);

        var grid = await Api.Read<ReviewView>(await GridUpload(Api.Chair, review.Id, GridSheet(("1.1", "Offer a spirometry test."), ("1.2", "=SUM(1)"))));
        Assert.Equal(["1.1", "1.2"], grid.Recommendations.Select(r => r.Number));
        Assert.Equal("=SUM(1)", grid.Recommendations[1].Text); // the apostrophe that kept it from running is not part of it
        await Api.Problem(await GridUpload(Tom, review.Id, GridSheet(("1.1", "x"))), 404);
        await Api.Invite(review.Id, Tom);
        await Api.Problem(await GridUpload(Tom, review.Id, GridSheet(("1.1", "x"))), 403);
        await Api.OpenWindow(review.Id);
        await Api.Problem(await GridUpload(Api.Chair, review.Id, GridSheet(("1.1", "x"))), 409);
    }

    private Task<HttpResponseMessage> GridUpload(string user, Guid id, byte[] file)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/grid.xlsx") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(BaselineWorkbook.ContentType);
        request.Headers.Add(GuidanceFlow.Api.Identity.DevelopmentAuthenticationHandler.Header, user);
        return Host.Server.CreateClient().SendAsync(request);
    }
}

using GuidanceFlow.Api.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>A stakeholder who lives in spreadsheets: downloads the baseline assessment sheet, fills it in, uploads it.</summary>
public sealed class SpreadsheetTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_stakeholder_downloads_the_sheet_fills_it_and_uploads_it_and_a_bad_row_is_named()
    {
        var id = await Given.AwaitingResponses("NG976");
        var tom = await SignInAs("tom.hadley");
        await tom.GotoAsync($"/reviews/{id}/respond");
        await tom.GetByText("Work in a spreadsheet instead").ClickAsync();
        var download = await tom.RunAndWaitForDownloadAsync(() =>
            tom.GetByRole(AriaRole.Link, new() { Name = "Download your baseline assessment sheet (.xlsx)" }).ClickAsync());
        Assert.Equal("NG976-baseline-assessment-tom.hadley.xlsx", download.SuggestedFilename);
        var path = await download.PathAsync();
        var sheet = await File.ReadAllBytesAsync(path!);

        // A row with a compliance the list does not have: named, and nothing saved.
        var wrong = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(wrong, Workbooks.Fill(sheet, ("F2", "Sometimes"), ("F3", "Met"), ("J3", "soon")));
        await tom.Locator("#sheet").SetInputFilesAsync(wrong);
        await Button(tom, "Submit the sheet").ClickAsync();
        Assert.StartsWith("The sheet has 2 problems", await ShowsErrorFor(tom, "sheet"));
        await Expect(tom.Locator("#sheet-problems")).ToContainTextAsync("Row 2 (1.1.1): compliance 'Sometimes' is not one of Met, Partially met, Not met, Not applicable.");
        await Expect(tom.Locator("#sheet-problems")).ToContainTextAsync("Row 3 (1.2.1): target date 'soon' is not a date");
        await Accessible(tom, "respond-sheet-error");

        var right = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(right, Workbooks.Fill(sheet, ("F2", "Partially met"), ("G2", "Clinic space"), ("D3", "No")));
        await tom.Locator("#sheet").SetInputFilesAsync(right);
        await Button(tom, "Submit the sheet").ClickAsync();
        await Expect(tom.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Your response to 2 recommendations from the sheet has been submitted.");

        // The form now shows what the sheet said.
        await tom.GotoAsync($"/reviews/{id}/respond");
        await Expect(tom.Locator("#answers-0-compliance-2")).ToBeCheckedAsync();
        await Expect(tom.Locator("#answers-1-compliance-4")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task The_chair_builds_a_grid_from_a_sheet_and_downloads_everyones_responses()
    {
        var id = await Given.Opened("NG977");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/grid");
        var bad = Path.Combine(Path.GetTempPath(), $"grid-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(bad, Sheet(("1.1", "Offer a foot check."), ("1.x", "Consider a podiatry referral.")));
        await chair.Locator("#sheet").SetInputFilesAsync(bad);
        await Button(chair, "Build the grid from the sheet").ClickAsync();
        Assert.StartsWith("Row 3 (1.x): ", await ShowsErrorFor(chair, "sheet"));
        await Accessible(chair, "grid-sheet-error");

        var good = Path.Combine(Path.GetTempPath(), $"grid-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(good, Sheet(("1.1", "Offer a foot check."), ("1.2", "Consider a podiatry referral.")));
        await chair.Locator("#sheet").SetInputFilesAsync(good);
        await Button(chair, "Build the grid from the sheet").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The grid now holds the sheet's 2 recommendations.");
        await Expect(chair.Locator("main")).ToContainTextAsync("Consider a podiatry referral.");

        await chair.GotoAsync($"/reviews/{id}/shared");
        var download = await chair.RunAndWaitForDownloadAsync(() =>
            chair.GetByRole(AriaRole.Link, new() { Name = "Download everyone's responses as a spreadsheet (.xlsx)" }).ClickAsync());
        Assert.Equal("NG977-collated-responses.xlsx", download.SuggestedFilename);
    }

    private static byte[] Sheet(params (string Number, string Text)[] rows) =>
        GuidanceFlow.Api.Spreadsheets.BaselineWorkbook.Write(new(Guid.NewGuid(), 1, "NG977", "Foot care", new DateOnly(2026, 10, 1), "group", null, "chair", null, "x",
            rows.Select(r => new GuidanceFlow.Api.Spreadsheets.BaselineRow(r.Number, r.Text, null, null)).ToList(), DateTimeOffset.UtcNow, "http://localhost"));
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>The finance lead's form starts from the stakeholders' estimates; the commissioner's dashboard, filters and exports.</summary>
public sealed class FinanceAndCommissionerPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_financial_impact_starts_from_the_estimates_copies_a_year_across_and_keeps_running_totals()
    {
        var id = await Given.CollatedWithEstimates("NG997");
        var finance = await SignInAs("mark.fenwick");
        await finance.GotoAsync($"/reviews/{id}/financial-impact");
        await Expect(finance.Locator("main")).ToContainTextAsync("The cost lines below start from the stakeholders' own estimates");
        // One line per organisation and sector: Oakfield (primary care) first, then the trust.
        await Expect(finance.Locator("#lines-0-organisation")).ToHaveValueAsync("Oakfield Medical Practice");
        await Expect(finance.Locator("#lines-1-organisation")).ToHaveValueAsync("Riverside Hospitals NHS Foundation Trust");
        await Expect(finance.Locator("#lines-1-years-0-oneoffcost")).ToHaveValueAsync("5000");
        await Expect(finance.Locator("#lines-1-years-4-recurrentcost")).ToHaveValueAsync("12000");
        // Net over five years: 5,000 + 5 × 12,000 + 5 × 3,000.
        var totals = finance.Locator("[data-running-totals]");
        await Expect(totals.Locator("[data-grand-total]")).ToContainTextAsync("£80,000");
        await Accessible(finance, "financial-impact-from-estimates");

        // Typing changes the running totals at once.
        await finance.Locator("#lines-0-years-0-recurrentcost").FillAsync("4000");
        await Expect(totals.Locator("[data-year-total='0']")).ToContainTextAsync("£21,000");
        await Expect(totals.Locator("[data-grand-total]")).ToContainTextAsync("£81,000");

        // Copy year 1's recurrent figures to the other four years.
        await finance.Locator("#lines-0-years-0-recurrentsaving").FillAsync("500");
        await Button(finance, "Copy year 1's recurrent figures to all five years for cost line 1").ClickAsync();
        await Expect(finance.Locator("#lines-0-years-3-recurrentcost")).ToHaveValueAsync("4000");
        await Expect(finance.Locator("#lines-0-years-3-recurrentsaving")).ToHaveValueAsync("500");
        await Expect(totals.Locator("[data-grand-total]")).ToContainTextAsync("£82,500");

        await Button(finance, "Record the financial impact").ClickAsync();
        Assert.StartsWith("Enter the population of the health economy", await ShowsErrorFor(finance, "localpopulation"));
        await finance.GetByLabel("Population of the health economy").FillAsync("300000");
        await Button(finance, "Record the financial impact").ClickAsync();
        await Expect(finance.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The financial impact has been recorded.");
        // Once recorded, the review shows the net cost and whether it is substantial, and no longer a due date.
        await Expect(finance.Locator("main")).ToContainTextAsync("Net cost over five years £82,500");
        await Expect(finance.Locator("main")).Not.ToContainTextAsync("Financial impact due");
    }

    /// <summary>What a download link gives, fetched with the page's own sign-in: it must come as an attachment with its file name.</summary>
    private static async Task<string> Fetch(IPage page, string link, string fileName)
    {
        var href = await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.Contains($"attachment; filename={fileName}", response.Headers["content-disposition"]);
        return await response.TextAsync();
    }

    [Fact]
    public async Task The_commissioner_sees_a_dashboard_filters_decisions_and_downloads_them()
    {
        await Given.Decided("NG998");
        var rachel = await SignInAs("rachel.stone");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Your health economy at a glance");
        var dashboard = rachel.Locator(".app-dashboard");
        await Expect(dashboard).ToContainTextAsync("Open reviews by stage");
        await Expect(dashboard).ToContainTextAsync("Compliance (RAG) of open reviews");
        await Accessible(rachel, "home-commissioner-dashboard");

        await rachel.GotoAsync("/decisions");
        await ReloadUntil(rachel, "NG998");
        await rachel.GetByLabel("Outcome").SelectOptionAsync("Implement with local variation");
        await rachel.GetByLabel("Type of guidance").SelectOptionAsync("NICE guideline (NG)");
        await Button(rachel, "Filter the decisions").ClickAsync();
        await Expect(rachel.Locator("main")).ToContainTextAsync("NG998");
        await rachel.GetByLabel("Outcome").SelectOptionAsync("Defer");
        await Button(rachel, "Filter the decisions").ClickAsync();
        // Other tests' decisions share the group, so the filter is judged by this one leaving the list.
        await Expect(rachel).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("outcome=Defer"));
        await Expect(rachel.Locator("main")).Not.ToContainTextAsync("NG998");
        await rachel.GotoAsync("/decisions?outcome=Defer&type=HST");
        await Expect(rachel.Locator("main")).ToContainTextAsync("No decisions match these filters.");
        await rachel.GotoAsync("/decisions?outcome=ImplementWithLocalVariation");
        var csv = await Fetch(rachel, "CSV", "decisions.csv");
        Assert.StartsWith("Guidance,Title,Group,Outcome", csv);
        Assert.Contains("NG998", csv);
        Assert.Contains("Implement with local variation", csv);
        await Fetch(rachel, "spreadsheet (.xlsx)", "decisions.xlsx");

        await rachel.GotoAsync("/register?outcome=ImplementWithLocalVariation");
        await ReloadUntil(rachel, "NG998");
        await Expect(rachel.GetByLabel("Outcome")).ToHaveValueAsync("ImplementWithLocalVariation");
        var rows = (await Fetch(rachel, "CSV", "register.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Guidance,Title,Group,Type,Published,Status,Responded,Next deadline,RAG,Outcome", rows[0]);
        Assert.All(rows.Skip(1), row => Assert.EndsWith("Implement with local variation", row));
        await rachel.GotoAsync("/register?publishedFrom.Day=1&publishedFrom.Month=1&publishedFrom.Year=2027&publishedTo.Day=1&publishedTo.Month=1&publishedTo.Year=2026");
        Assert.StartsWith("The latest publication date must be on or after the earliest", await ShowsErrorFor(rachel, "publishedto-day"));
    }
}

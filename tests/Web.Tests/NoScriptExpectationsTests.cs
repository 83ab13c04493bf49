using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// Issue 14's expectations with JavaScript off: every one is a plain link or form the server answers. (axe is itself a
/// script, so these pages are checked by axe in the tests with JavaScript on.)
/// </summary>
public sealed class NoScriptExpectationsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Without_JavaScript_the_chair_reminds_confirms_closing_and_amends_and_the_finance_lead_copies_years()
    {
        var id = await Given.CollatedWithEstimates("NG989");
        var finance = await SignInAs("mark.fenwick", javaScript: false);
        await finance.GotoAsync($"/reviews/{id}/financial-impact");
        await finance.Locator("#lines-0-years-0-recurrentcost").FillAsync("4000");
        await Button(finance, "Copy year 1's recurrent figures to all five years for cost line 1").ClickAsync();
        await Expect(finance.Locator("#lines-0-years-4-recurrentcost")).ToHaveValueAsync("4000");
        // The running totals come from the server: 5,000 one-off + 5 × 12,000 + 5 × 4,000.
        await Expect(finance.Locator("[data-grand-total]")).ToContainTextAsync("£85,000");

        var awaiting = await Given.AwaitingResponses("NG988");
        var chair = await SignInAs("amara.okafor", javaScript: false);
        await chair.GotoAsync($"/reviews/{awaiting}/window");
        await Button(chair, "Send 2 reminders now").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("2 reminders have been sent.");
        await Button(chair, "Close the window and share the collated response").ClickAsync();
        await Button(chair, "Yes, close the window now").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The response window is closed");

        await chair.GotoAsync($"/reviews/{awaiting}/matrix");
        await Expect(chair.Locator("table.app-matrix tbody tr").First.Locator("td").First).ToHaveTextAsync("Did not respond");
        // Once the window has closed, no one is "not yet assessed" for want of a response: they did not respond.
        await chair.GotoAsync($"/reviews/{awaiting}/shared");
        await Expect(chair.Locator("main")).ToContainTextAsync("Did not respond 2");
        await Expect(chair.Locator("main")).Not.ToContainTextAsync("Not yet assessed");

        var decided = await Given.Decided("NG987");
        await chair.GotoAsync($"/reviews/{decided}/decision");
        await chair.Locator("#outcome-4").CheckAsync(); // Defer
        await chair.GetByLabel("Why are you amending the decision?").FillAsync("Waiting for the regional pathway.");
        await Button(chair, "Amend the decision").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The decision has been amended: Defer.");

        var rachel = await SignInAs("rachel.stone", javaScript: false);
        await rachel.GotoAsync("/decisions");
        await rachel.GetByLabel("Outcome").SelectOptionAsync("Defer");
        await Button(rachel, "Filter the decisions").ClickAsync();
        // The filtered page has loaded before it is reloaded (a reload in the middle of that navigation detaches the page).
        await Expect(rachel).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("outcome=Defer"));
        await Expect(rachel.GetByLabel("Outcome")).ToHaveValueAsync("Defer");
        await ReloadUntil(rachel, "NG987");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Waiting for the regional pathway.");
    }
}

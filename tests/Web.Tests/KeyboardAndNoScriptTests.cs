using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// The stakeholder's journey with the keyboard alone (no mouse, no clicks), and the pages with
/// JavaScript switched off, as on a locked-down NHS machine.
/// </summary>
public sealed class KeyboardAndNoScriptTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_stakeholder_signs_in_and_responds_with_the_keyboard_alone()
    {
        var id = await Given.AwaitingResponses("NG970");
        var page = await NewPage();
        await page.GotoAsync("/sign-in");

        // The skip link is the first thing the keyboard reaches.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", (await FocusedText(page)).Trim());

        await TabTo(page, "input[name=userId]");
        await page.Keyboard.PressAsync("ArrowDown"); // the second person listed: Dr Tom Hadley
        Assert.True(await page.Locator("input[value='tom.hadley']").IsCheckedAsync());
        await TabTo(page, "button[type=submit]:not(.nhsuk-header__account-button)");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hello, Dr Tom Hadley");
        await Accessible(page, "stakeholder-home");

        await TabTo(page, "a.nhsuk-header__navigation-link[href='/inbox']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your inbox");
        await ReloadUntil(page, "NG970");
        await TabTo(page, $"a[href='/reviews/{id}/respond']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your response");

        // Recommendation 1.1.1: "Met" with Space, then details typed into the text areas.
        await TabTo(page, "#answers-0-compliance");
        await page.Keyboard.PressAsync("Space");
        await TabTo(page, "details summary");
        await page.Keyboard.PressAsync("Enter");
        await TabTo(page, "#answers-0-currentpractice");
        await page.Keyboard.TypeAsync("Pulse checks happen at every flu clinic.");
        await TabTo(page, "#answers-0-targetdate-day");
        await page.Keyboard.TypeAsync("1");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("6");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2027");

        // Recommendation 1.2.1: the arrow keys move through the options; "Partially met".
        await TabTo(page, "input[name='answers[1].compliance']");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#answers-1-compliance-2").IsCheckedAsync());

        await TabTo(page, "button[value=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Your response to 2 recommendations has been submitted.");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Response received");
        await TabTo(page, $"main a[href='/reviews/{id}']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToContainTextAsync("1 of 2 stakeholders has responded.");
    }

    [Fact]
    public async Task Without_JavaScript_the_chair_builds_the_grid_and_a_stakeholder_responds()
    {
        var id = await Given.Opened("NG971");
        var chair = await SignInAs("amara.okafor", javaScript: false);
        await chair.GotoAsync($"/reviews/{id}/grid");
        await chair.GetByLabel("Number", new() { Exact = true }).FillAsync("1.1.1");
        await chair.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("Offer pulse checks.");
        await Button(chair, "Add recommendation").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Recommendation added.");

        var awaiting = await Given.AwaitingResponses("NG972");
        var sunil = await SignInAs("sunil.mehta", javaScript: false);
        await sunil.GotoAsync($"/reviews/{awaiting}/respond");
        // Without the script the character count is still announced as a limit.
        await Expect(sunil.Locator("#answers-0-currentpractice-info")).ToHaveTextAsync("You can enter up to 4,000 characters");
        await sunil.Locator("#answers-0-compliance-3").CheckAsync();
        await sunil.Locator("details summary").First.ClickAsync();
        await sunil.Locator("#answers-0-barriers").FillAsync("No practice nurse time.");
        await Button(sunil, "Submit response").ClickAsync();
        await Expect(sunil.Locator(".nhsuk-notification-banner")).ToContainTextAsync("has been submitted");
        // (axe itself is a script, so it checks these pages in the other tests, with JavaScript on.)
        await sunil.ScreenshotAsync(new() { Path = Path.Combine(Fixture.Screenshots, "no-javascript-review.png"), FullPage = true });
    }

    [Fact]
    public async Task Without_JavaScript_the_chair_takes_a_review_from_opening_to_decision()
    {
        var chair = await SignInAs("amara.okafor", javaScript: false);
        await chair.GotoAsync("/reviews/new");
        await chair.GetByLabel("Guidance number").FillAsync("NG973");
        await chair.GetByLabel("Title", new() { Exact = true }).FillAsync("Hypertension in adults");
        await chair.GetByLabel("Day").FillAsync("2");
        await chair.GetByLabel("Month").FillAsync("11");
        await chair.GetByLabel("Year").FillAsync("2026");
        await Button(chair, "Open review").ClickAsync();
        var id = ReviewIdIn(chair.Url);
        await chair.GetByLabel("Recommendations, one per line").FillAsync("1.1.1 Offer ambulatory blood pressure monitoring to confirm the diagnosis.");
        await Button(chair, "Add pasted recommendations").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("1 recommendation added.");

        await chair.GotoAsync($"/reviews/{id}/stakeholders");
        await chair.GetByText("Invite someone not listed").ClickAsync(); // <details> opens without script
        await chair.GetByLabel("Full name").FillAsync("Dr Lena Fox");
        await chair.GetByLabel("NHS email address").FillAsync("lena.fox@riverside.example.nhs.uk");
        await chair.GetByLabel("Organisation", new() { Exact = true }).FillAsync("Riverside Mental Health Trust");
        await chair.GetByLabel("Sector").SelectOptionAsync("MentalHealth");
        await Button(chair, "Send invitations").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("1 person has been invited.");

        await chair.GotoAsync($"/reviews/{id}/window");
        await Button(chair, "Open the response window").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The response window is open until");
        await chair.GotoAsync($"/reviews/{id}/window");
        await Button(chair, "Close the window and share the collated response").ClickAsync();
        await Button(chair, "Yes, close the window now").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The response window is closed");

        await chair.GotoAsync($"/reviews/{id}/financial-impact");
        await chair.GetByLabel("Why no assessment is needed").FillAsync("Monitoring is already commissioned.");
        await Button(chair, "Record that no assessment is needed").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("no financial assessment is needed");

        await chair.GotoAsync($"/reviews/{id}/decision");
        await chair.GetByLabel("Implement", new() { Exact = true }).CheckAsync();
        await chair.GetByLabel("Rationale", new() { Exact = true }).FillAsync("Already local practice.");
        await Button(chair, "Add another action").ClickAsync(); // redraws the form with a second action, keeping what was typed
        await Expect(chair.GetByLabel("Rationale", new() { Exact = true })).ToHaveValueAsync("Already local practice.");
        await Expect(chair.Locator("#actions-1-description")).ToBeVisibleAsync();
        await Button(chair, "Record the decision").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The decision has been recorded: Implement.");
        Assert.Equal(8, await VersionOf(id));
    }

    [Fact]
    public async Task The_triage_lead_triages_with_the_keyboard_alone()
    {
        await Given.InCatalogue("NG9305");
        var lead = await SignInAs("lucy.hart");
        await lead.GotoAsync("/groups/Riverside%20NICE%20implementation%20group/triage");
        await ReloadUntil(lead, "NG9305");
        await TabTo(lead, "a[href$='/triage/NG9305']");
        await lead.Keyboard.PressAsync("Enter");
        await Expect(lead.Locator("h1")).ToHaveTextAsync("NG9305: Foot checks for people with diabetes");

        await TabTo(lead, "input[name=outcome]");
        await lead.Keyboard.PressAsync("ArrowDown"); // the second option: not relevant
        Assert.True(await lead.Locator("#outcome-2").IsCheckedAsync());
        await TabTo(lead, "#reason");
        await lead.Keyboard.TypeAsync("Our group has no podiatry service.");
        await TabTo(lead, "button[type=submit]:not(.nhsuk-header__account-button)");
        Assert.Equal("Save the triage", (await FocusedText(lead)).Trim());
        await lead.Keyboard.PressAsync("Enter");
        await Expect(lead.Locator(".nhsuk-notification-banner")).ToContainTextAsync("NG9305 is recorded as not relevant to the group.");
    }

    private static Task<string> FocusedText(IPage page) => page.EvaluateAsync<string>("document.activeElement.innerText || ''");

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>.</summary>
    [Fact]
    public async Task The_chair_reminds_non_responders_and_opens_the_matrix_with_the_keyboard_alone()
    {
        var id = await Given.AwaitingResponses("NG985");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}");
        await TabTo(chair, $"a[href='/reviews/{id}/window#remind']");
        await chair.Keyboard.PressAsync("Enter");
        await Expect(chair).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/window#remind$"));
        await Expect(chair.Locator("form[action*='handler=Remind'] button")).ToBeVisibleAsync();
        await TabTo(chair, "form[action*='handler=Remind'] button");
        await chair.Keyboard.PressAsync("Enter");
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("2 reminders have been sent.");

        await chair.GotoAsync($"/reviews/{id}");
        await TabTo(chair, $"a[href='/reviews/{id}/matrix']");
        await chair.Keyboard.PressAsync("Enter");
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Compliance matrix");
        // The matrix's own scrolling box takes focus, so a keyboard user can scroll it on a small screen.
        await TabTo(chair, ".app-table-scroll");
    }

    private static async Task TabTo(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new Xunit.Sdk.XunitException($"Tabbing never reached {selector} on {page.Url}.");
    }
}

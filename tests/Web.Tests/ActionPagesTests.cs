using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// Agreed actions in the browser: a decision records an action with its owner's email; the group's finance lead records progress
/// (a blocked action without a reason answered field by field, evidence as links), the review shows where each action stands,
/// a commissioner reads the history on the decisions audit without JavaScript, and an invited stakeholder cannot record progress.
/// </summary>
public sealed class ActionPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_group_records_progress_on_an_agreed_action_and_a_commissioner_audits_its_history()
    {
        var review = await Given.Decided("NG644"); // one action: pulse checks, due in 90 days
        var finance = await SignInAs("mark.fenwick");
        await finance.GotoAsync($"/reviews/{review}");
        await finance.GetByRole(AriaRole.Link, new() { Name = "Follow the agreed actions and record their progress" }).ClickAsync();
        await Expect(finance.Locator("h1")).ToHaveTextAsync("Agreed actions");
        await Expect(finance.Locator("#action-1")).ToContainTextAsync("Add pulse checks to the annual review template");
        await Expect(finance.Locator("#action-1")).ToContainTextAsync("Not started");
        await Accessible(finance, "review-actions");

        await finance.GetByRole(AriaRole.Link, new() { Name = "Record progress on action 1" }).ClickAsync();
        await finance.GetByLabel("Blocked", new() { Exact = true }).CheckAsync();
        await Button(finance, "Record progress").ClickAsync();
        await ShowsErrorFor(finance, "blockedreason");
        await finance.GetByLabel("In progress").CheckAsync();
        await finance.GetByLabel("Progress note (optional)").FillAsync("Template drafted; IT to load it in January.");
        await finance.GetByLabel("Evidence (optional)").FillAsync("https://example.nhs.uk/templates/annual-review-v2");
        await Button(finance, "Record progress").ClickAsync();
        await Expect(finance.Locator("main")).ToContainTextAsync("Progress recorded on action 1.");
        var card = finance.Locator("#action-1");
        await Expect(card).ToContainTextAsync("In progress");
        await Expect(card).ToContainTextAsync("recorded by Mark Fenwick");
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "https://example.nhs.uk/templates/annual-review-v2" })).ToBeVisibleAsync();
        await Accessible(finance, "review-actions-recorded");

        var commissioner = await SignInAs("rachel.stone", javaScript: false);
        await commissioner.GotoAsync($"/reviews/{review}");
        await Expect(commissioner.Locator("main")).ToContainTextAsync("in progress");
        // The decisions audit is built in the background: it shows the update once it has caught up.
        await commissioner.GotoAsync("/decisions");
        await ReloadUntil(commissioner, "Template drafted; IT to load it in January.");
        await Expect(commissioner.Locator("main")).ToContainTextAsync("In progress, by Mark Fenwick");

        var stakeholder = await SignInAs("tom.hadley", javaScript: false);
        await stakeholder.GotoAsync($"/reviews/{review}/actions");
        await Expect(stakeholder.Locator("#action-1")).ToContainTextAsync("In progress");
        await Expect(stakeholder.GetByRole(AriaRole.Heading, new() { Name = "Record progress" })).ToHaveCountAsync(0);

        // A forged post with a valid antiforgery token of his own session is refused on the server, and records nothing.
        var before = await VersionOf(review);
        var token = await stakeholder.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var post = await stakeholder.APIRequest.PostAsync($"/reviews/{review}/actions", new()
        {
            Form = stakeholder.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("action", "1").Set("status", "Done")
                .Set("version", before.ToString()),
            MaxRedirects = 0,
        });
        Assert.Equal(403, post.Status);
        Assert.Equal(before, await VersionOf(review));
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>A stakeholder asks a colleague of their organisation to respond; the colleague finds it in their inbox and responds.</summary>
public sealed class DelegationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_colleague_responds_for_a_stakeholder_who_delegated_to_them()
    {
        var id = await Given.AwaitingResponses("NG975");
        var tom = await SignInAs("tom.hadley");
        await tom.GotoAsync($"/reviews/{id}/respond");
        await tom.GetByRole(AriaRole.Link, new() { Name = "Ask a colleague to respond for you" }).ClickAsync();
        await Button(tom, "Ask them to respond").ClickAsync();
        Assert.Equal("Choose the colleague who should respond for you", await ShowsErrorFor(tom, "colleague"));
        await Accessible(tom, "error-delegate");
        // Only people of Tom's trust are offered; someone else is refused with the reason, nothing recorded.
        await Expect(tom.GetByLabel("Dr Claire Baxter")).ToHaveCountAsync(0);
        await tom.Locator("summary", new() { HasText = "Someone not listed" }).ClickAsync();
        await tom.GetByLabel("Their GuidanceFlow user id").FillAsync("claire.baxter");
        await Button(tom, "Ask them to respond").ClickAsync();
        await Expect(tom.Locator("main")).ToContainTextAsync("you can delegate only to a colleague of your own organisation");
        await tom.GetByLabel("Their GuidanceFlow user id").FillAsync("");
        await tom.GetByLabel("Priya Nair").CheckAsync();
        await Button(tom, "Ask them to respond").ClickAsync();
        await Expect(tom.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Priya Nair can now respond for you.");

        var priya = await SignInAs("priya.nair");
        await priya.GotoAsync("/inbox");
        await Expect(priya.Locator("main")).ToContainTextAsync("Responding for colleagues");
        await priya.GetByRole(AriaRole.Link, new() { Name = "NG975: Atrial fibrillation: detection and care" }).ClickAsync();
        await Expect(priya.Locator("h1")).ToHaveTextAsync("Respond for Dr Tom Hadley");
        await priya.Locator("#answers-0-compliance").CheckAsync();
        await Button(priya, "Submit response").ClickAsync();
        await Expect(priya.Locator(".nhsuk-notification-banner")).ToContainTextAsync("has been submitted");

        // The record says whose response it is, and who submitted it.
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/timeline");
        var entry = chair.Locator(".app-timeline__item", new() { HasText = "Response submitted by Dr Tom Hadley" });
        await Expect(entry).ToContainTextAsync("Priya Nair, Riverside Hospitals NHS Foundation Trust (Delegate)");

        // Someone not invited cannot delegate.
        Assert.Equal(403, (await priya.GotoAsync($"/reviews/{id}/delegate"))!.Status);
    }
}

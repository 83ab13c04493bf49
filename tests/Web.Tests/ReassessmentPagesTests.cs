using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// A re-assessment round in the browser: the chair opens it from the review (a next review date before the deadline answered at
/// its field), a stakeholder finds their last answers filled in and answers again, the chair closes the round, and compliance
/// over time shows on the review and, without JavaScript, on the commissioner's decisions audit.
/// </summary>
public sealed class ReassessmentPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_chair_opens_a_round_a_stakeholder_answers_again_and_compliance_over_time_shows()
    {
        var review = await Given.UnderReview("NG9710");

        // A stakeholder has no way in: the page is refused, and so is a forged post with his own session's token.
        var tom = await SignInAs("tom.hadley", javaScript: false);
        Assert.Equal(403, (await tom.GotoAsync($"/reviews/{review}/reassessment"))!.Status);
        await tom.GotoAsync($"/reviews/{review}");
        var token = await tom.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var before = await VersionOf(review);
        var forged = await tom.APIRequest.PostAsync($"/reviews/{review}/reassessment", new()
        {
            Form = tom.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("deadline.day", "1").Set("deadline.month", "1")
                .Set("deadline.year", "2030").Set("deadlineTime", "17:00").Set("version", before.ToString()),
            MaxRedirects = 0,
        });
        Assert.Equal(403, forged.Status);
        Assert.Equal(before, await VersionOf(review));

        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{review}");
        await Expect(chair.Locator("main")).ToContainTextAsync("Under review");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Open a re-assessment round" }).ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Open a re-assessment round");
        await Accessible(chair, "review-reassessment");

        var deadlineYear = await chair.Locator("#deadline-year").InputValueAsync();
        await chair.Locator("#nextreviewdate-year").FillAsync(deadlineYear);
        await chair.Locator("#nextreviewdate-month").FillAsync("1");
        await chair.Locator("#nextreviewdate-day").FillAsync("1");
        await Button(chair, "Open the re-assessment round").ClickAsync();
        Assert.StartsWith("The next review date must be after the round's deadline", await ShowsErrorFor(chair, "nextreviewdate-day"));
        await chair.Locator("#nextreviewdate-year").FillAsync("");
        await chair.Locator("#nextreviewdate-month").FillAsync("");
        await chair.Locator("#nextreviewdate-day").FillAsync("");
        // By keyboard alone: the button takes focus and Enter sends the form.
        await Button(chair, "Open the re-assessment round").FocusAsync();
        await chair.Keyboard.PressAsync("Enter");
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Re-assessment round 1 is open until");
        await Expect(chair.Locator("main")).ToContainTextAsync("Re-assessment 1: 0 of 2 stakeholders have responded.");

        // Tom's last answer (1.1.1 partly met) is filled in; he now meets it.
        await tom.GotoAsync($"/reviews/{review}");
        await tom.GetByRole(AriaRole.Link, new() { Name = "Re-assess your compliance (your last answers are filled in)" }).ClickAsync();
        await Expect(tom.Locator("h1")).ToHaveTextAsync("Re-assess your compliance");
        await Expect(tom.Locator("main")).ToContainTextAsync("Not yet re-assessed");
        await Expect(tom.Locator("#answers-0-compliance-2")).ToBeCheckedAsync();
        await tom.Locator("#answers-0-compliance").CheckAsync(); // met
        await Button(tom, "Submit response").ClickAsync();
        await Expect(tom.Locator("h1")).ToHaveTextAsync("Re-assessment 1 received");

        var inRound = await VersionOf(review);
        await chair.GotoAsync($"/reviews/{review}/window");
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Close re-assessment round 1");
        await Button(chair, "Close the window and share the collated response").ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Close re-assessment round 1 now?");
        await Button(chair, "Yes, close the window now").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Re-assessment round 1 is closed");

        // Baseline: only Tom answered 1.1.1, partly → partially met. Round 1: Tom meets it, Sunil never answered → met.
        var table = chair.Locator("table", new() { Has = chair.Locator("caption", new() { HasText = "The group's compliance at each assessment" }) });
        await Expect(table.Locator("thead th")).ToHaveCountAsync(3);
        await Expect(table.Locator("thead th").Nth(1)).ToContainTextAsync("Baseline");
        await Expect(table.Locator("thead th").Nth(2)).ToContainTextAsync("Re-assessment 1");
        var first = table.Locator("tbody tr").First;
        await Expect(first.Locator("th")).ToContainTextAsync("1.1.1");
        // Each cell also carries its column's heading for narrow screens: compare what follows it.
        await Expect(first.Locator("td").Nth(0)).ToContainTextAsync("Partially met");
        await Expect(first.Locator("td").Nth(1)).ToContainTextAsync("Met");
        await Expect(first.Locator("td").Nth(1)).Not.ToContainTextAsync("Partially");
        await Expect(table.Locator("tbody tr").Nth(1).Locator("td").Nth(0)).ToContainTextAsync("Not assessed");
        await Expect(table.Locator("tbody tr").Nth(1).Locator("td").Nth(1)).ToContainTextAsync("Not assessed");
        await Expect(chair.Locator("main")).ToContainTextAsync("did not answer again: Dr Sunil Mehta");
        await Accessible(chair, "review-compliance-over-time");

        // The shared view as it stood during the round (time travel) has the baseline only; as it stands now, both.
        var earlier = chair.Locator("table", new() { Has = chair.Locator("caption", new() { HasText = "The group's compliance at each assessment made by then" }) });
        await chair.GotoAsync($"/reviews/{review}/shared?at={inRound}");
        await Expect(earlier.Locator("thead th")).ToHaveCountAsync(2);
        await chair.GotoAsync($"/reviews/{review}/shared");
        await Expect(earlier.Locator("thead th")).ToHaveCountAsync(3);

        var commissioner = await SignInAs("rachel.stone", javaScript: false);
        await commissioner.GotoAsync("/decisions");
        // Built in the background by two projections (the round's record, the assessments): reload until both show.
        await ReloadUntil(commissioner, content => content.Contains("Re-assessment 1 opened") && content.Contains("met 1, partially met 0"), "the round and its assessment");
        await Expect(commissioner.Locator("main")).ToContainTextAsync("met 1, partially met 0, not met 0, not applicable 0");
    }
}

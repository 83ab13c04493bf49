using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// What chairs, stakeholders and commissioners expect of the pages: where the review is, the compliance matrix,
/// reminding now, amending a decision, a receipt, progress on the form, and the words people use.
/// </summary>
public sealed class ChairAndStakeholderPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_chair_sees_the_stage_reminds_non_responders_and_reads_the_matrix()
    {
        var id = await Given.AwaitingResponses("NG993");
        var tom = await SignInAs("tom.hadley");
        await tom.GotoAsync($"/reviews/{id}/respond");
        await tom.Locator("#answers-0-compliance-3").CheckAsync(); // 1.1.1 not met
        await Button(tom, "Submit response").ClickAsync();
        await Expect(tom.Locator("h1")).ToHaveTextAsync("Response received");

        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}");
        var current = chair.Locator(".app-steps [aria-current=step]");
        await Expect(current).ToContainTextAsync("Responses");
        await Expect(current).ToContainTextAsync("Now");
        await Expect(chair.Locator(".app-steps__item--done")).ToHaveCountAsync(2);
        await Expect(chair.Locator("main")).ToContainTextAsync("1 of 2 stakeholders has responded.");

        // Extending is one link from the review.
        await chair.GetByRole(AriaRole.Link, new() { Name = "Extend the deadline for responses" }).ClickAsync();
        await Expect(chair.Locator("#extend")).ToBeVisibleAsync();

        // Remind now: one email each, then not again the same day.
        await chair.GotoAsync($"/reviews/{id}");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Remind those who have not responded" }).ClickAsync();
        await Expect(chair.Locator("#remind + p + ul")).ToContainTextAsync("Dr Sunil Mehta");
        await Accessible(chair, "window-remind");
        await Button(chair, "Send 1 reminder now").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("1 reminder has been sent.");
        await Expect(chair.Locator("main")).ToContainTextAsync("You can remind them again from");
        await Expect(Button(chair, "Send 1 reminder now")).ToHaveCountAsync(0);

        // Closing early asks first; "No" keeps it open.
        await Button(chair, "Close the window and share the collated response").ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Close the response window now?");
        await Expect(chair.Locator(".nhsuk-warning-callout")).ToContainTextAsync("1 stakeholder has not responded");
        await chair.GetByRole(AriaRole.Link, new() { Name = "No, keep it open" }).ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Close the response window");

        // The matrix: recommendations down, stakeholders by sector across, each cell a colour and a word.
        await chair.GotoAsync($"/reviews/{id}");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Compliance matrix" }).ClickAsync();
        var matrix = chair.Locator("table.app-matrix");
        await Expect(matrix.Locator("thead th[scope=colgroup]")).ToHaveTextAsync(["Primary care", "Secondary care"]);
        var firstRow = matrix.Locator("tbody tr").First;
        await Expect(firstRow.Locator("th")).ToHaveTextAsync("1.1.1");
        await Expect(firstRow.Locator("td").Nth(0)).ToHaveTextAsync("Awaiting response");
        await Expect(firstRow.Locator("td").Nth(1).Locator(".nhsuk-tag--red")).ToHaveTextAsync("Not met");
        await Expect(firstRow.Locator("td").Nth(2)).ToContainTextAsync("Not met 1");
        await Expect(matrix.Locator("tfoot td").Nth(1)).ToContainTextAsync("Not met 1");
        await Accessible(chair, "matrix");

        // Printed for board papers: no header, navigation or buttons; the matrix whole.
        await chair.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(chair.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await Expect(chair.Locator(".app-no-print").First).ToBeHiddenAsync();
        await Expect(matrix).ToBeVisibleAsync();
        await chair.ScreenshotAsync(new() { Path = Path.Combine(Fixture.Screenshots, "matrix-print.png"), FullPage = true });
        await chair.EmulateMediaAsync(new() { Media = Media.Screen });

        // At 320 px the page does not scroll sideways: the matrix scrolls in its own box, reachable by keyboard.
        await chair.SetViewportSizeAsync(320, 800);
        await chair.ReloadAsync();
        Assert.True(await chair.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 320);
        await Expect(chair.Locator(".app-table-scroll")).ToHaveAttributeAsync("tabindex", "0");
    }

    [Fact]
    public async Task A_stakeholder_sees_progress_their_own_answers_only_before_sharing_and_gets_a_receipt()
    {
        var id = await Given.AwaitingResponses("NG994");
        var tom = await SignInAs("tom.hadley");
        await tom.GotoAsync($"/reviews/{id}/respond");
        await tom.Locator("#answers-0-compliance").CheckAsync(); // 1.1.1 met
        await Button(tom, "Submit response").ClickAsync();

        var sunil = await SignInAs("sunil.mehta");
        await sunil.GotoAsync($"/reviews/{id}/respond");
        var progress = sunil.Locator(".app-progress");
        await Expect(progress).ToContainTextAsync("0 of 2 recommendations answered so far");
        await sunil.Locator("#answers-1-compliance-2").CheckAsync(); // 1.2.1 partially met
        await Expect(progress).ToContainTextAsync("1 of 2 recommendations answered so far");

        // A target date already past is refused at its field, with the date.
        await OpenDetails(sunil, 1);
        await sunil.Locator("#answers-1-targetdate-day").FillAsync("1");
        await sunil.Locator("#answers-1-targetdate-month").FillAsync("3");
        await sunil.Locator("#answers-1-targetdate-year").FillAsync("2021");
        await Button(sunil, "Submit response").ClickAsync();
        Assert.StartsWith("The target date for recommendation 1.2.1 must be today or later: Monday 1 March 2021 has passed",
            await ShowsErrorFor(sunil, "answers-1-targetdate-day"));
        await sunil.Locator("#answers-1-targetdate-year").FillAsync((DateTime.UtcNow.Year + 1).ToString());
        await Button(sunil, "Submit response").ClickAsync();

        await Expect(sunil.Locator("h1")).ToHaveTextAsync("Response received");
        await Expect(sunil.Locator("main")).ToContainTextAsync("Recommendation 1.2.1");
        await Expect(sunil.Locator("main")).ToContainTextAsync("Partially met");
        await Expect(sunil.Locator("main")).ToContainTextAsync("A copy has been emailed to Dr Sunil Mehta at sunil.mehta@oakfield.example.nhs.uk");

        // Before the collated response is shared, Sunil reads his own answers only.
        await sunil.GotoAsync($"/reviews/{id}/shared");
        await Expect(sunil.Locator("main")).ToContainTextAsync("Until the collated response is shared, you see your own answers only.");
        await Expect(sunil.Locator("main")).Not.ToContainTextAsync("Dr Tom Hadley");
        await Accessible(sunil, "shared-view-own-answers");
        await sunil.GotoAsync($"/reviews/{id}/timeline");
        await Expect(sunil.Locator("main")).ToContainTextAsync("What they answered is shared with stakeholders once the collated response is shared.");
        await Expect(sunil.GetByRole(AriaRole.Link, new() { Name = "Download the whole history as a spreadsheet (CSV)" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_chair_amends_a_decision_with_a_reason_and_the_review_shows_its_money_truly()
    {
        var id = await Given.Decided("NG995");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}");
        // The financial impact, once recorded, is its net cost and whether substantial, not a due date.
        var summary = chair.Locator("dl.nhsuk-summary-list").First;
        await Expect(summary).ToContainTextAsync("Net cost over five years £");
        await Expect(summary).Not.ToContainTextAsync("Financial impact due");
        await Expect(chair.Locator(".app-steps [aria-current=step]")).ToContainTextAsync("Monitoring");
        // No stream version shown to people as if it meant something.
        await Expect(summary).Not.ToContainTextAsync("Version");

        await chair.GotoAsync($"/reviews/{id}/decision");
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Amend the decision");
        await Expect(chair.GetByLabel("Rationale")).ToHaveValueAsync("Pulse checks fit the annual review; the stroke score is already in use at the trust.");
        await chair.Locator("#outcome").CheckAsync(); // Implement
        await Button(chair, "Amend the decision").ClickAsync();
        Assert.Equal("Say why the decision is being amended", await ShowsErrorFor(chair, "reason"));
        await Accessible(chair, "error-amend-decision");
        await chair.GetByLabel("Why are you amending the decision?").FillAsync("The trust found clinic capacity at the December meeting.");
        await Button(chair, "Amend the decision").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The decision has been amended: Implement.");
        await Expect(chair.Locator("main")).ToContainTextAsync("amended");
        await Expect(chair.Locator("main")).ToContainTextAsync("The trust found clinic capacity at the December meeting.");

        await chair.GotoAsync($"/reviews/{id}/timeline");
        await Expect(chair.Locator("main")).ToContainTextAsync("Decision recorded: Implement with local variation");
        await Expect(chair.Locator("main")).ToContainTextAsync("Decision amended: Implement");

        // The shared view and the decision record print for board papers: content only, no navigation, forms or buttons.
        foreach (var (path, shot) in new[] { ($"/reviews/{id}/shared", "shared-view-print"), ($"/reviews/{id}", "decision-record-print") })
        {
            await chair.GotoAsync(path);
            await chair.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(chair.Locator("header.nhsuk-header")).ToBeHiddenAsync();
            await Expect(chair.Locator("footer")).ToBeHiddenAsync();
            Assert.Equal(0, await chair.Locator("main form:visible, main .nhsuk-button:visible").CountAsync());
            await Expect(chair.Locator("main h1")).ToBeVisibleAsync();
            await chair.ScreenshotAsync(new() { Path = Path.Combine(Fixture.Screenshots, $"{shot}.png"), FullPage = true });
            await chair.EmulateMediaAsync(new() { Media = Media.Screen });
        }
    }

    [Fact]
    public async Task Opening_guidance_the_group_already_has_under_review_warns_and_links_to_that_review()
    {
        var open = await Given.Opened("NG999");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync("/reviews/new");
        await chair.GetByLabel("Guidance number").FillAsync("ng999");
        await chair.GetByLabel("Title").FillAsync("Atrial fibrillation: detection and care");
        await chair.Locator("#publishedon-day").FillAsync("1");
        await chair.Locator("#publishedon-month").FillAsync("10");
        await chair.Locator("#publishedon-year").FillAsync("2026");
        await Button(chair, "Open review").ClickAsync();
        var warning = chair.Locator(".nhsuk-warning-callout");
        await Expect(warning).ToContainTextAsync("NG999 is already under review");
        await Expect(warning.GetByRole(AriaRole.Link, new() { Name = "go to the open review" })).ToHaveAttributeAsync("href", $"/reviews/{open}");
        await Accessible(chair, "error-already-under-review");
    }

    [Fact]
    public async Task People_are_shown_in_words_not_code_names()
    {
        var id = await Given.WithGrid("NG996");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/stakeholders");
        // Hannah Moss is an allied health professional in the demo directory.
        await Expect(chair.Locator("main")).ToContainTextAsync("Allied health professional");
        await Expect(chair.Locator("main")).Not.ToContainTextAsync("AlliedHealthProfessional");
        await Expect(chair.Locator("main")).Not.ToContainTextAsync("LayRepresentative");
        await chair.GotoAsync("/groups/Riverside%20NICE%20implementation%20group");
        await Expect(chair.Locator("main")).ToContainTextAsync("Group admin and chair");
        await Expect(chair.Locator("main")).Not.ToContainTextAsync("GroupAdmin");
        await Expect(chair.Locator("main")).Not.ToContainTextAsync("FinanceLead");
    }
}

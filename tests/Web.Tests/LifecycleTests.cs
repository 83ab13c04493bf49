using GuidanceFlow.Api.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// A whole review through the pages: the chair opens it and builds its grid, a secondary-care and a
/// primary-care stakeholder respond, the chair closes the window, the finance lead records the
/// impact, the chair decides, and the commissioner audits it. axe checks every page on the way.
/// </summary>
public sealed class LifecycleTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_review_goes_from_publication_to_an_audited_decision_through_the_pages()
    {
        // The chair opens a review.
        var chair = await SignInAs("amara.okafor");
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Hello, Dr Amara Okafor");
        await Accessible(chair, "01-chair-home");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Open a review" }).ClickAsync();
        await Accessible(chair, "02-open-review");
        await chair.GetByLabel("Guidance number").FillAsync("NG901");
        await chair.GetByLabel("Type of guidance").SelectOptionAsync("NG");
        await chair.GetByLabel("Title", new() { Exact = true }).FillAsync("Heart failure in adults: diagnosis and care");
        await chair.GetByLabel("Day").FillAsync("3");
        await chair.GetByLabel("Month").FillAsync("11");
        await chair.GetByLabel("Year").FillAsync("2026");
        await Button(chair, "Open review").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("You opened the review of NG901");
        var id = ReviewIdIn(chair.Url);

        // Builds the grid: one at a time, a pasted list, an edit, a reorder and a removal.
        await chair.GetByLabel("Number", new() { Exact = true }).FillAsync("1.1.1");
        await chair.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("Measure natriuretic peptide in anyone with suspected heart failure.");
        await chair.GetByLabel("Settings it applies to (optional)").FillAsync("primary care, acute trust");
        await Button(chair, "Add recommendation").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Recommendation added.");
        await chair.GetByLabel("Recommendations, one per line").FillAsync(
            "1.2.1 Refer people with very high peptide levels for specialist assessment within two weeks.\n" +
            "1.3.4 Offer a structured exercise-based rehabilitation programme.\n" +
            "9.9.9 A line that the chair removes again.");
        await Button(chair, "Add pasted recommendations").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("3 recommendations added.");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Edit recommendation 1.3.4" }).ClickAsync();
        await Accessible(chair, "03-grid-edit");
        await chair.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("Offer a personalised, exercise-based cardiac rehabilitation programme.");
        await Button(chair, "Save changes").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Recommendation changed.");
        await Button(chair, "Remove recommendation 9.9.9").ClickAsync();
        await Button(chair, "Move up recommendation 1.3.4").ClickAsync();
        // What the cells show (their stacked-layout headings are hidden on a desktop).
        await Expect(chair.Locator("tbody tr td:first-child")).ToHaveTextAsync(["1.1.1", "1.3.4", "1.2.1"], new() { UseInnerText = true });
        await Accessible(chair, "03-grid");

        // Invites a secondary-care and a primary-care stakeholder, and someone by email.
        await chair.GotoAsync($"/reviews/{id}/stakeholders");
        await Accessible(chair, "04-invite");
        await chair.GetByLabel("Dr Tom Hadley, Riverside Hospitals NHS Foundation Trust").CheckAsync();
        await chair.GetByLabel("Dr Sunil Mehta, Oakfield Medical Practice").CheckAsync();
        await Button(chair, "Send invitations").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("2 people have been invited.");

        // Opens the window with a deadline.
        await chair.GetByRole(AriaRole.Link, new() { Name = "Open the response window" }).ClickAsync();
        await Accessible(chair, "05-open-window");
        await Button(chair, "Open the response window").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The response window is open until");
        await Expect(chair.Locator("main")).ToContainTextAsync("Awaiting responses");
        await Accessible(chair, "06-review-awaiting");

        // A secondary-care stakeholder drafts, then submits.
        var tom = await SignInAs("tom.hadley");
        await tom.GotoAsync("/inbox");
        await ReloadUntil(tom, "NG901");
        await Accessible(tom, "07-stakeholder-inbox");
        await tom.GetByRole(AriaRole.Link, new() { Name = "NG901: Heart failure in adults: diagnosis and care" }).ClickAsync();
        await Accessible(tom, "08-respond");
        await tom.Locator("#answers-0-compliance-2").CheckAsync(); // 1.1.1 partially met
        await OpenDetails(tom, 0);
        await tom.Locator("#answers-0-currentpractice").FillAsync("Peptide testing is available in the hospital but not to GPs.");
        await tom.Locator("#answers-0-barriers").FillAsync("No direct-access testing contract.");
        await tom.Locator("#answers-0-targetdate-day").FillAsync("31");
        await tom.Locator("#answers-0-targetdate-month").FillAsync("3");
        await tom.Locator("#answers-0-targetdate-year").FillAsync("2027");
        await tom.Locator("#answers-0-estimatedoneoffcost").FillAsync("12,000");
        await Button(tom, "Save as draft").ClickAsync();
        await Expect(tom.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Your draft has been saved.");
        await Expect(tom.Locator("#answers-0-currentpractice")).ToHaveValueAsync("Peptide testing is available in the hospital but not to GPs.");
        await tom.Locator("#answers-1-compliance").CheckAsync(); // 1.3.4 met
        await tom.Locator("#answers-2-compliance-3").CheckAsync(); // 1.2.1 not met
        await Button(tom, "Submit response").ClickAsync();
        await Expect(tom.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Your response to 3 recommendations has been submitted.");
        // The receipt: what was received and when, answer by answer; the same goes to Tom by email.
        await Expect(tom.Locator("h1")).ToHaveTextAsync("Response received");
        await Expect(tom.Locator("main")).ToContainTextAsync("A copy has been emailed to Dr Tom Hadley");
        await Expect(tom.Locator("main")).ToContainTextAsync("3 recommendations answered in this submission");
        await Accessible(tom, "07b-response-receipt");

        // A primary-care stakeholder submits, then amends before the deadline.
        var sunil = await SignInAs("sunil.mehta");
        await sunil.GotoAsync($"/reviews/{id}/respond");
        await sunil.Locator("#answers-0-compliance-3").CheckAsync(); // not met
        await Button(sunil, "Submit response").ClickAsync();
        await Expect(sunil.Locator(".nhsuk-notification-banner")).ToContainTextAsync("has been submitted");
        await sunil.GotoAsync($"/reviews/{id}/respond");
        await Expect(sunil.Locator("main")).ToContainTextAsync("You last submitted");
        await sunil.Locator("#answers-0-compliance-2").CheckAsync(); // amended: partially met
        await OpenDetails(sunil, 0);
        await sunil.Locator("#answers-0-barriers").FillAsync("GPs cannot order the test directly.");
        await Button(sunil, "Submit response").ClickAsync();
        await Expect(sunil.Locator(".nhsuk-notification-banner")).ToContainTextAsync("has been submitted");

        // The chair watches the responses arrive, then closes the window.
        await chair.GotoAsync($"/reviews/{id}");
        await Expect(chair.Locator("main")).ToContainTextAsync("2 of 2 stakeholders have responded.");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Close the response window now" }).ClickAsync();
        await Accessible(chair, "09-close-window");
        await Button(chair, "Close the window and share the collated response").ClickAsync();
        // Closing early cannot be undone, so the page asks first.
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Close the response window now?");
        await Accessible(chair, "09b-confirm-close-window");
        await Button(chair, "Yes, close the window now").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The response window is closed");

        // The stakeholder reads the collated view.
        await tom.GotoAsync("/inbox");
        // Other tests share Tom's inbox: wait for this review's own link to the shared view, not for the section to fill.
        var sharedLink = tom.Locator($"a[href='/reviews/{id}/shared']");
        await Wait.Until(async () => { await tom.ReloadAsync(); return await sharedLink.CountAsync(); }, n => n > 0, "NG901 shared in Tom's inbox");
        await sharedLink.ClickAsync();
        await Expect(tom.Locator("h1")).ToHaveTextAsync("Shared primary and secondary care view");
        await Expect(tom.Locator("main")).ToContainTextAsync("GPs cannot order the test directly.");
        await Expect(tom.Locator("main")).ToContainTextAsync("Primary care: recommendation 1.1.1");
        await Expect(tom.Locator("main")).ToContainTextAsync("Secondary care: recommendation 1.1.1");
        await Accessible(tom, "10-shared-view");

        // The finance lead records the financial impact.
        var mark = await SignInAs("mark.fenwick");
        await mark.GotoAsync($"/reviews/{id}");
        await mark.GetByRole(AriaRole.Link, new() { Name = "Record the financial impact" }).ClickAsync();
        await Accessible(mark, "11-financial-impact");
        await mark.GetByLabel("Population of the health economy").FillAsync("350000");
        // The form starts from Tom's estimate: the trust's one-off cost of £12,000 for 1.1.1. The finance lead
        // finds it is a saving instead, and adds the ICB's recurrent cost.
        await Expect(mark.Locator("#lines-0-organisation")).ToHaveValueAsync("Riverside Hospitals NHS Foundation Trust");
        await Expect(mark.GetByLabel("One-off cost, year 1, cost line 1")).ToHaveValueAsync("12000");
        await mark.GetByLabel("One-off cost, year 1, cost line 1").FillAsync("");
        await mark.GetByLabel("One-off saving, year 1, cost line 1").FillAsync("15000");
        await Button(mark, "Add another cost line").ClickAsync();
        await Accessible(mark, "11-financial-impact-two-lines");
        await mark.Locator("#lines-1-organisation").FillAsync("Riverside Integrated Care Board");
        await mark.Locator("#lines-1-sector").SelectOptionAsync("Commissioner");
        await mark.Locator("#lines-1-recommendationnumber").SelectOptionAsync("1.1.1");
        await mark.GetByLabel("Recurrent cost, year 1, cost line 2").FillAsync("40000");
        await mark.GetByLabel("Recurrent cost, year 2, cost line 2").FillAsync("42000");
        await Button(mark, "Record the financial impact").ClickAsync();
        await Expect(mark.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The financial impact has been recorded.");

        // The chair records the decision and its actions.
        await chair.GotoAsync($"/reviews/{id}");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Record the decision" }).ClickAsync();
        await Accessible(chair, "12-decision");
        await chair.GetByLabel("Implement with local variation").CheckAsync();
        await chair.GetByLabel("Rationale", new() { Exact = true }).FillAsync("Direct-access peptide testing for GPs is funded from April; rehabilitation already meets the standard.");
        await chair.Locator("#actions-0-description").FillAsync("Agree a direct-access testing pathway with the laboratory.");
        await chair.Locator("#actions-0-owner").FillAsync("Pathology lead");
        await chair.Locator("#actions-0-due-day").FillAsync("1");
        await chair.Locator("#actions-0-due-month").FillAsync("4");
        await chair.Locator("#actions-0-due-year").FillAsync("2027");
        await Button(chair, "Record the decision").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Implement with local variation");
        await Expect(chair.Locator("main")).ToContainTextAsync("Agree a direct-access testing pathway with the laboratory.");
        await Accessible(chair, "13-review-decided");

        // The commissioner audits: register, shared view, timeline, the view at a version, finance.
        var rachel = await SignInAs("rachel.stone");
        await Accessible(rachel, "14-commissioner-home");
        await rachel.GotoAsync("/register");
        await ReloadUntil(rachel, "Implement with local variation");
        await rachel.GetByLabel("Guidance number or title").FillAsync("NG901");
        await Button(rachel, "Filter the register").ClickAsync();
        await Expect(rachel.Locator("main")).ToContainTextAsync("1 review matches");
        await Accessible(rachel, "15-register");
        await tom.GotoAsync($"/reviews/{id}");
        await Accessible(tom, "15-stakeholder-review-page");
        await tom.GotoAsync($"/reviews/{id}/respond");
        await Expect(tom.Locator("main")).ToContainTextAsync("Responses can no longer be submitted or amended.");
        await Accessible(tom, "15-respond-after-the-window");
        await rachel.GetByRole(AriaRole.Link, new() { Name = "NG901: Heart failure in adults: diagnosis and care" }).ClickAsync();
        await rachel.GetByRole(AriaRole.Link, new() { Name = "Timeline of every change" }).ClickAsync();
        var timeline = rachel.Locator(".app-timeline__item");
        await Expect(timeline.First).ToContainTextAsync("Review of NG901 opened");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Response amended by Dr Sunil Mehta");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Decision recorded: Implement with local variation");
        // A later grid is told as what it changed, not as the whole grid again.
        await Expect(rachel.Locator("main")).ToContainTextAsync("Grid changed: 1.3.4 moved");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Mark Fenwick, Riverside Integrated Care Board (Finance lead)");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Record intact All 15 changes were checked");
        await Accessible(rachel, "16-timeline");

        // The shared view as it stood when only the first response had arrived.
        var firstResponse = timeline.Filter(new() { HasText = "Response submitted by Dr Tom Hadley" });
        await firstResponse.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(rachel.Locator(".nhsuk-warning-callout")).ToContainTextAsync("As it stood after the change of");
        await Expect(rachel.Locator("main")).ToContainTextAsync("1 of 2 stakeholders has responded.");
        await Expect(rachel.Locator("main")).Not.ToContainTextAsync("GPs cannot order the test directly.");
        await Accessible(rachel, "17-shared-view-at-version");

        // The decision audit, and the shared view at the moment of decision.
        await rachel.GotoAsync("/decisions");
        await ReloadUntil(rachel, "NG901");
        var decision = rachel.Locator(".nhsuk-card", new() { HasText = "NG901" });
        await Expect(decision).ToContainTextAsync("Implement with local variation");
        await Expect(decision).ToContainTextAsync("by Dr Amara Okafor");
        await Expect(decision).ToContainTextAsync("Net cost over five years £67,000");
        await Expect(decision).ToContainTextAsync("2 of 2 stakeholders responded");
        await Accessible(rachel, "18-decisions");
        await decision.GetByRole(AriaRole.Link, new() { Name = "The shared view at the moment of decision for NG901" }).ClickAsync();
        await Expect(rachel.Locator(".nhsuk-warning-callout")).ToContainTextAsync("As it stood after the change of");

        await rachel.GotoAsync("/finance");
        await ReloadUntil(rachel, "NG901");
        // Other tests' reviews share the group's totals: read this review's own row. Year 1 net: 40,000 cost less 15,000 saving.
        var row = rachel.Locator("tr", new() { Has = rachel.GetByRole(AriaRole.Link, new() { Name = "NG901: Heart failure in adults: diagnosis and care" }) });
        await Expect(row.Locator("td").First).ToContainTextAsync("£25,000");
        await Accessible(rachel, "19-finance");
    }

    [Fact]
    public async Task The_commissioner_sees_the_shared_view_as_it_stood_on_a_chosen_date()
    {
        // A grid set three days ago (its events moved back in the store), then replaced today.
        var id = await Given.WithGrid("NG980");
        await Api.Tests.TestDatabase.CountAsync(Fixture.ConnectionString,
            "update guidanceflow.mt_events set timestamp = timestamp - interval '3 days' where stream_id = @id", ("id", id));
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/grid");
        await chair.GetByLabel("Recommendations, one per line").FillAsync("2.1.1 A recommendation added today.");
        await Button(chair, "Add pasted recommendations").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("1 recommendation");

        var rachel = await SignInAs("rachel.stone");
        await rachel.GotoAsync($"/reviews/{id}/shared");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Recommendation 2.1.1");
        var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        await rachel.GetByText("See the view as it stood on an earlier date").ClickAsync();
        await rachel.GetByLabel("Day").FillAsync(twoDaysAgo.Day.ToString());
        await rachel.GetByLabel("Month").FillAsync(twoDaysAgo.Month.ToString());
        await rachel.GetByLabel("Year").FillAsync(twoDaysAgo.Year.ToString());
        await Button(rachel, "Show the view on that date").ClickAsync();
        await Expect(rachel.Locator(".nhsuk-warning-callout")).ToContainTextAsync("As it stood at");
        await Expect(rachel.Locator("main")).ToContainTextAsync("Recommendation 1.2.1");
        await Expect(rachel.Locator("main")).Not.ToContainTextAsync("Recommendation 2.1.1");
        await Accessible(rachel, "20-shared-view-on-a-date");

        // Moving events in the store breaks their hash chain, and the timeline says so.
        await rachel.GotoAsync($"/reviews/{id}/timeline");
        await Expect(rachel.Locator(".nhsuk-warning-callout")).ToContainTextAsync("The record has been altered");
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// Every form's error path: the error summary plus inline errors, messages from the API's own
/// validators (or the domain's rules), an accessible error state, and nothing appended.
/// </summary>
public sealed class ErrorPathTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_register_far_past_its_last_page_is_empty_not_an_error()
    {
        var rachel = await SignInAs("rachel.stone");
        var response = await rachel.GotoAsync("/register?page=2147483647");
        Assert.Equal(200, response!.Status);
        await Expect(rachel.Locator("h1")).ToHaveTextAsync("Register of reviews");
    }

    [Fact]
    public async Task Sign_in_without_choosing_a_person()
    {
        var page = await NewPage();
        await page.GotoAsync("/sign-in");
        await Button(page, "Sign in").ClickAsync();
        Assert.Equal("Choose who you are signing in as", await ShowsErrorFor(page, "userid"));
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await Accessible(page, "error-sign-in");
    }

    [Fact]
    public async Task Opening_a_review_with_nothing_filled_in_or_an_impossible_date()
    {
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync("/reviews/new");
        await Button(chair, "Open review").ClickAsync();
        // Each message names its field as the label does.
        Assert.Equal("Enter the guidance number", await ShowsErrorFor(chair, "guidanceid"));
        Assert.Equal("Enter the title", await ShowsErrorFor(chair, "title"));
        Assert.Equal("Enter the date NICE published it", await ShowsErrorFor(chair, "publishedon-day"));
        // The summary lists the errors in the order of the form.
        Assert.Equal(["#guidanceid", "#title", "#publishedon-day"],
            await chair.Locator(".nhsuk-error-summary a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
        await Accessible(chair, "error-open-review");

        await chair.GetByLabel("Guidance number").FillAsync("TA12");
        await chair.GetByLabel("Title", new() { Exact = true }).FillAsync("Some appraisal");
        await chair.GetByLabel("Day").FillAsync("30");
        await chair.GetByLabel("Month").FillAsync("2");
        await chair.GetByLabel("Year").FillAsync("2026");
        await Button(chair, "Open review").ClickAsync();
        Assert.Equal("The date NICE published it must be a real date", await ShowsErrorFor(chair, "publishedon-day"));
        // The message names the field as its label does ("Guidance number").
        Assert.Equal("The guidance number must start with NG for this type of guidance, such as NG12", await ShowsErrorFor(chair, "guidanceid"));
        // What was typed stays in the form.
        await Expect(chair.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Some appraisal");
        await Expect(chair).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reviews/new$"));
    }

    [Fact]
    public async Task Grid_changes_that_the_validators_refuse_change_nothing()
    {
        var id = await Given.WithGrid("NG951");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/grid");
        var before = await VersionOf(id);

        await Button(chair, "Add recommendation").ClickAsync();
        await ShowsErrorFor(chair, "number");
        await Accessible(chair, "error-grid-add");

        await chair.GetByLabel("Number", new() { Exact = true }).FillAsync("one point one");
        await chair.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("A recommendation.");
        await Button(chair, "Add recommendation").ClickAsync();
        Assert.Equal("Enter a recommendation number such as 1.2.3", await ShowsErrorFor(chair, "number"));

        await chair.GetByLabel("Recommendations, one per line").FillAsync("1.1.1 Fine\nThis line has no number");
        await Button(chair, "Add pasted recommendations").ClickAsync();
        Assert.StartsWith("Line 2 does not start with a recommendation number", await ShowsErrorFor(chair, "pasted"));
        await Accessible(chair, "error-grid-paste");

        // Editing a recommendation to a number another one has is refused by the rule for the whole grid.
        await chair.GetByRole(AriaRole.Link, new() { Name = "Edit recommendation 1.2.1" }).ClickAsync();
        await chair.GetByLabel("Number", new() { Exact = true }).FillAsync("1.1.1");
        await Button(chair, "Save changes").ClickAsync();
        await Expect(chair.Locator(".nhsuk-error-summary")).ToContainTextAsync("Recommendation numbers must be unique");
        await Expect(chair.Locator("h2", new() { HasText = "Edit recommendation 1.2.1" })).ToBeVisibleAsync();
        await chair.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("");
        await Button(chair, "Save changes").ClickAsync();
        await ShowsErrorFor(chair, "text");
        await Accessible(chair, "error-grid-edit");
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task Inviting_nobody_or_someone_without_a_valid_email()
    {
        var id = await Given.WithGrid("NG952");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/stakeholders");
        var before = await VersionOf(id);
        await Button(chair, "Send invitations").ClickAsync();
        Assert.Equal("Choose at least one person to invite", await ShowsErrorFor(chair, "chosen"));
        await Accessible(chair, "error-invite");

        await chair.GetByText("Invite someone not listed").ClickAsync();
        await chair.GetByLabel("Full name").FillAsync("Dr Lena Fox");
        await chair.GetByLabel("NHS email address").FillAsync("not-an-email");
        await chair.GetByLabel("Organisation", new() { Exact = true }).FillAsync("Riverside Mental Health Trust");
        await Button(chair, "Send invitations").ClickAsync();
        await ShowsErrorFor(chair, "other-email");
        await Accessible(chair, "error-invite-other");
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task Opening_the_window_with_a_deadline_in_the_past_or_a_time_that_is_not_one()
    {
        var id = await Given.WithGrid("NG953");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/stakeholders");
        await chair.GetByLabel("Dr Tom Hadley, Riverside Hospitals NHS Foundation Trust").CheckAsync();
        await Button(chair, "Send invitations").ClickAsync();
        await chair.GotoAsync($"/reviews/{id}/window");
        var before = await VersionOf(id);

        await chair.GetByLabel("Year").FillAsync("2020");
        await Button(chair, "Open the response window").ClickAsync();
        Assert.Equal("The deadline must be in the future", await ShowsErrorFor(chair, "deadline-day"));
        await Accessible(chair, "error-window");

        await chair.GetByLabel("Year").FillAsync((DateTime.UtcNow.Year + 1).ToString());
        await chair.GetByLabel("Time on that day").FillAsync("teatime");
        await Button(chair, "Open the response window").ClickAsync();
        Assert.Equal("Enter a time like 17:00 or 5pm", await ShowsErrorFor(chair, "deadlinetime"));
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task Extending_the_deadline_without_a_reason_or_to_an_earlier_date_then_for_real()
    {
        var id = await Given.AwaitingResponses("NG958");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/window");
        var before = await VersionOf(id);

        await Button(chair, "Extend the deadline").ClickAsync();
        Assert.Equal("Say why the deadline is being extended", await ShowsErrorFor(chair, "reason"));
        await Accessible(chair, "error-extend-deadline");

        var earlier = DateTime.UtcNow.AddDays(2);
        await chair.Locator("#newdue-day").FillAsync(earlier.Day.ToString());
        await chair.Locator("#newdue-month").FillAsync(earlier.Month.ToString());
        await chair.Locator("#newdue-year").FillAsync(earlier.Year.ToString());
        await chair.GetByLabel("Why the deadline is being extended").FillAsync("Winter pressures in primary care.");
        await Button(chair, "Extend the deadline").ClickAsync();
        await Expect(chair.Locator(".nhsuk-error-summary")).ToContainTextAsync("An extension must be later than the current deadline");
        Assert.Equal(before, await VersionOf(id));

        // The suggested date is a week after the current deadline.
        await chair.GotoAsync($"/reviews/{id}/window");
        await chair.GetByLabel("Why the deadline is being extended").FillAsync("Winter pressures in primary care.");
        await Button(chair, "Extend the deadline").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The deadline is now");
        Assert.Equal(before + 1, await VersionOf(id));
    }

    [Fact]
    public async Task Responses_that_cannot_be_read_are_refused_field_by_field()
    {
        var id = await Given.AwaitingResponses("NG954");
        var tom = await SignInAs("tom.hadley");
        await tom.GotoAsync($"/reviews/{id}/respond");
        var before = await VersionOf(id);

        await Button(tom, "Submit response").ClickAsync();
        Assert.Equal("Answer at least one recommendation", await ShowsErrorFor(tom, "answers-0-compliance"));
        await Accessible(tom, "error-respond-empty");

        await OpenDetails(tom, 0);
        await tom.Locator("#answers-0-barriers").FillAsync("Staffing.");
        await tom.Locator("#answers-1-compliance").CheckAsync();
        await OpenDetails(tom, 1);
        await tom.Locator("#answers-1-estimatedoneoffcost").FillAsync("lots");
        await tom.Locator("#answers-1-targetdate-day").FillAsync("12");
        await Button(tom, "Submit response").ClickAsync();
        Assert.StartsWith("Select how far current practice meets recommendation 1.1.1", await ShowsErrorFor(tom, "answers-0-compliance"));
        Assert.Equal("Enter an amount in pounds, like 1500 or 1500.50", await ShowsErrorFor(tom, "answers-1-estimatedoneoffcost"));
        Assert.Equal("The target date must include a month and year", await ShowsErrorFor(tom, "answers-1-targetdate-day"));
        await Expect(tom.Locator("#answers-0-barriers")).ToHaveValueAsync("Staffing.");
        await Accessible(tom, "error-respond-fields");

        // A draft is refused for the same unreadable values.
        await Button(tom, "Save as draft").ClickAsync();
        await ShowsErrorFor(tom, "answers-1-estimatedoneoffcost");
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task A_financial_impact_without_its_figures_or_a_reason()
    {
        var id = await Given.Collated("NG955");
        var mark = await SignInAs("mark.fenwick");
        await mark.GotoAsync($"/reviews/{id}/financial-impact");
        var before = await VersionOf(id);

        await mark.GetByLabel("One-off cost, year 1, cost line 1").FillAsync("ten thousand");
        await Button(mark, "Record the financial impact").ClickAsync();
        await ShowsErrorFor(mark, "localpopulation");
        await ShowsErrorFor(mark, "lines-0-organisation");
        Assert.Equal("Enter an amount in pounds, like 1500 or 1500.50", await ShowsErrorFor(mark, "lines-0-years-0-oneoffcost"));
        await Accessible(mark, "error-financial-impact");

        await mark.GetByLabel("Population of the health economy").FillAsync("350000");
        await mark.GetByLabel("Organisation that bears it").FillAsync("Riverside Integrated Care Board");
        await mark.GetByLabel("One-off cost, year 1, cost line 1").FillAsync("");
        await Button(mark, "Record the financial impact").ClickAsync();
        Assert.Equal("Give the figures for at least one year", await ShowsErrorFor(mark, "lines-0-years-0-oneoffcost"));
        Assert.Equal(before, await VersionOf(id));

        // Only the chair can say no assessment is needed; with no reason it is refused.
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/financial-impact");
        await Button(chair, "Record that no assessment is needed").ClickAsync();
        Assert.Equal("Say why no financial assessment is needed", await ShowsErrorFor(chair, "reason"));
        await Accessible(chair, "error-financial-impact-not-needed");
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task A_decision_without_an_outcome_rationale_risk_or_due_dates()
    {
        var id = await Given.Costed("NG956");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}/decision");
        var before = await VersionOf(id);

        await Button(chair, "Record the decision").ClickAsync();
        Assert.Equal("Select what the group has decided", await ShowsErrorFor(chair, "outcome"));
        Assert.Equal("Give the rationale for the decision", await ShowsErrorFor(chair, "rationale"));
        await Accessible(chair, "error-decision");

        await chair.GetByLabel("Do not implement").CheckAsync();
        await chair.GetByLabel("Rationale", new() { Exact = true }).FillAsync("The service cannot be staffed this year.");
        await chair.Locator("#actions-0-description").FillAsync("Revisit staffing in the spring.");
        await chair.Locator("#actions-0-owner").FillAsync("Chair");
        await Button(chair, "Record the decision").ClickAsync();
        await ShowsErrorFor(chair, "risk");
        Assert.Equal("Enter the due date", await ShowsErrorFor(chair, "actions-0-due-day"));
        await Expect(chair.GetByLabel("Do not implement")).ToBeCheckedAsync();
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task A_decision_meeting_in_the_past_and_a_closure_without_a_reason_then_both_for_real()
    {
        var id = await Given.Collated("NG959");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{id}");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Set the decision meeting" }).ClickAsync();
        var before = await VersionOf(id);
        await chair.GetByLabel("Day").FillAsync("1");
        await chair.GetByLabel("Month").FillAsync("1");
        await chair.GetByLabel("Year").FillAsync("2021");
        await Button(chair, "Set the meeting").ClickAsync();
        Assert.Equal("The meeting must be in the future", await ShowsErrorFor(chair, "meetingat-day"));
        await Accessible(chair, "error-decision-meeting");
        Assert.Equal(before, await VersionOf(id));

        var meeting = DateTime.UtcNow.AddDays(30);
        await chair.GetByLabel("Day").FillAsync(meeting.Day.ToString());
        await chair.GetByLabel("Month").FillAsync(meeting.Month.ToString());
        await chair.GetByLabel("Year").FillAsync(meeting.Year.ToString());
        await Button(chair, "Set the meeting").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The decision meeting is set for");
        await Expect(chair.Locator("main")).ToContainTextAsync("Decision meeting");

        await chair.GetByRole(AriaRole.Link, new() { Name = "Close the review" }).ClickAsync();
        await Button(chair, "Close the review").ClickAsync();
        Assert.Equal("Say why the review is being closed", await ShowsErrorFor(chair, "reason"));
        await Accessible(chair, "error-close-review");
        await chair.GetByLabel("Why the review is being closed").FillAsync("NICE has withdrawn the guidance.");
        await Button(chair, "Close the review").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The review is closed.");
        await Expect(chair.Locator("main")).ToContainTextAsync("NICE has withdrawn the guidance.");
        Assert.Equal(before + 2, await VersionOf(id));
    }

    [Fact]
    public async Task The_view_on_a_date_that_is_not_one()
    {
        var id = await Given.Opened("NG957");
        var rachel = await SignInAs("rachel.stone");
        await rachel.GotoAsync($"/reviews/{id}/shared?asOf.Day=40&asOf.Month=1&asOf.Year=2026");
        Assert.Equal("The date must be a real date", await ShowsErrorFor(rachel, "asof-day"));
        await Accessible(rachel, "error-shared-view-date");
        await rachel.GotoAsync($"/reviews/{id}/shared?asOf.Day=1&asOf.Month=1&asOf.Year=2020");
        Assert.StartsWith("The review was opened on ", await ShowsErrorFor(rachel, "asof-day"));

        // A date still to come says so, with today's date, rather than quietly showing today's view.
        var next = DateTime.UtcNow.AddYears(1);
        await rachel.GotoAsync($"/reviews/{id}/shared?asOf.Day={next.Day}&asOf.Month={next.Month}&asOf.Year={next.Year}");
        Assert.StartsWith("The date must be today or in the past", await ShowsErrorFor(rachel, "asof-day"));
        await Expect(rachel.Locator(".nhsuk-warning-callout")).ToHaveCountAsync(0);

        // A link to a change past the end of the record says so too.
        await rachel.GotoAsync($"/reviews/{id}/shared?at=999");
        Assert.StartsWith("That link is to a change this review does not have", await ShowsErrorFor(rachel, "asof-day"));
        await rachel.GotoAsync($"/reviews/{id}/shared?at=1");
        await Expect(rachel.Locator(".nhsuk-warning-callout")).ToContainTextAsync("As it stood after the change of");
        await Expect(rachel.Locator("main")).Not.ToContainTextAsync("version");
    }
}

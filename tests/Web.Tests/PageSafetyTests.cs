using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// The pages enforce what the API enforces, on the server: roles, antiforgery, encoding of what
/// people typed, and no silent overwrite of a review that moved on since the form was loaded.
/// </summary>
public sealed partial class PageSafetyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Signing_in_is_required_and_returns_to_the_page_asked_for()
    {
        var id = await Given.Opened("NG960");
        var page = await NewPage();
        await page.GotoAsync($"/reviews/{id}");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl="));
        await Accessible(page, "sign-in");
        await page.GetByLabel("Rachel Stone, Riverside Integrated Care Board").CheckAsync();
        await Button(page, "Sign in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/reviews/{id}$"));

        await Button(page, "Sign out").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("You have signed out");
        await Accessible(page, "signed-out");
        await page.GotoAsync($"/reviews/{id}");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
    }

    [Fact]
    public async Task A_stakeholder_cannot_reach_or_post_to_the_chairs_pages()
    {
        var id = await Given.AwaitingResponses("NG961");
        var tom = await SignInAs("tom.hadley");
        var before = await VersionOf(id);

        // No link to it, and typing the address is refused by the server.
        await tom.GotoAsync($"/reviews/{id}");
        await Expect(tom.Locator(".nhsuk-header__navigation")).Not.ToContainTextAsync("Finance");
        await Expect(tom.Locator(".nhsuk-header__navigation")).Not.ToContainTextAsync("Decisions");
        await Expect(tom.GetByRole(AriaRole.Link, new() { Name = "Close the response window now" })).ToHaveCountAsync(0);
        var response = await tom.GotoAsync($"/reviews/{id}/window");
        Assert.Equal(403, response!.Status);
        await Expect(tom.Locator("h1")).ToHaveTextAsync("You cannot do this");
        await Expect(tom.Locator("main")).ToContainTextAsync("Only the group's chair can do this.");
        await Accessible(tom, "forbidden");

        await tom.GotoAsync("/finance");
        await Expect(tom.Locator("main")).ToContainTextAsync("Only a group's commissioners, finance leads and chair can see its finances");
        await tom.GotoAsync("/decisions");
        await Expect(tom.Locator("main")).ToContainTextAsync("Only a group's commissioners and chair can audit its decisions");

        // A forged post with a valid antiforgery token of his own session is refused too.
        await tom.GotoAsync($"/reviews/{id}/respond");
        var token = await tom.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var post = await tom.APIRequest.PostAsync($"/reviews/{id}/window?handler=Close", new()
        {
            Form = tom.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("version", before.ToString()),
            MaxRedirects = 0,
        });
        Assert.Equal(403, post.Status);
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task Someone_outside_the_group_is_told_the_review_does_not_exist()
    {
        var id = await Given.AwaitingResponses("NG962");
        var outsider = await SignInAs("claire.baxter");
        var response = await outsider.GotoAsync($"/reviews/{id}");
        Assert.Equal(404, response!.Status);
        await Expect(outsider.Locator("h1")).ToHaveTextAsync("Page not found");
        await Accessible(outsider, "not-found");
        Assert.Equal(404, (await outsider.GotoAsync($"/reviews/{id}/respond"))!.Status);
        Assert.Equal(404, (await outsider.GotoAsync($"/reviews/{id}/timeline"))!.Status);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var id = await Given.WithGrid("NG963");
        var chair = await SignInAs("amara.okafor");
        var before = await VersionOf(id);
        var post = await chair.APIRequest.PostAsync($"/reviews/{id}/grid?handler=Remove&index=0", new()
        {
            Form = chair.APIRequest.CreateFormData().Set("version", before.ToString()),
            MaxRedirects = 0,
        });
        Assert.Equal(400, post.Status);
        Assert.Equal(before, await VersionOf(id));
    }

    [Fact]
    public async Task A_stale_form_says_the_review_moved_on_and_overwrites_nothing()
    {
        var id = await Given.WithGrid("NG964");
        var first = await SignInAs("amara.okafor");
        var second = await SignInAs("amara.okafor");
        await first.GotoAsync($"/reviews/{id}/grid");
        await second.GotoAsync($"/reviews/{id}/grid");

        await first.GetByLabel("Number", new() { Exact = true }).FillAsync("1.3.1");
        await first.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("Offer anticoagulation where the stroke risk warrants it.");
        await Button(first, "Add recommendation").ClickAsync();
        await Expect(first.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Recommendation added.");
        var after = await VersionOf(id);

        // The second tab still shows the grid without 1.3.1.
        await second.GetByLabel("Number", new() { Exact = true }).FillAsync("1.4.1");
        await second.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("Review anticoagulation every year.");
        await Button(second, "Add recommendation").ClickAsync();
        await Expect(second.Locator(".nhsuk-error-summary")).ToContainTextAsync("This review has changed since you opened this page");
        await Expect(second.Locator(".nhsuk-error-summary")).ToContainTextAsync("Nothing you entered here has been saved");
        await Expect(second.GetByLabel("Recommendation", new() { Exact = true })).ToHaveValueAsync("Review anticoagulation every year.");
        await Accessible(second, "error-stale-form");
        Assert.Equal(after, await VersionOf(id));

        // Reloading shows the other change; the edit can then be made again.
        await second.Locator(".nhsuk-error-summary a").ClickAsync();
        await Expect(second.Locator("tbody")).ToContainTextAsync("1.3.1");
    }

    [Fact]
    public async Task Page_writes_share_the_per_user_limit_on_writes()
    {
        // An instance of its own with a limit of two writes a minute.
        var database = await Api.Tests.TestDatabase.CreateAsync(Fixture.Postgres.ConnectionString);
        await using var app = await Api.Tests.AppProcess.StartAsync(database, smtp: null,
            pickupDirectory: Path.Combine(Path.GetTempPath(), "guidanceflow-web-mail-" + Guid.NewGuid().ToString("N")[..8]),
            extraEnvironment: new() { ["RateLimits__WritesPerMinute"] = "2" });
        var page = await NewPage(app.Address);
        await page.GotoAsync("/sign-in");
        await page.Locator("input[value='amara.okafor']").CheckAsync();
        await Button(page, "Sign in").ClickAsync();
        await page.GotoAsync("/reviews/new");
        for (var attempt = 0; attempt < 3; attempt++) await Button(page, "Open review").ClickAsync(); // each refused by validation, each counted
        await Expect(page.Locator("h1")).ToHaveTextAsync("You have made too many changes in a short time");
        await Accessible(page, "too-many-changes");
    }

    [Fact]
    public async Task What_people_type_is_shown_as_text_never_run_as_markup()
    {
        var id = await Given.Opened("NG965", "<script>window.hacked = 1</script><b>bold</b> & \"quoted\"");
        var chair = await SignInAs("amara.okafor");
        var dialogs = 0;
        chair.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await chair.GotoAsync($"/reviews/{id}");
        await Expect(chair.Locator("h1")).ToHaveTextAsync("<script>window.hacked = 1</script><b>bold</b> & \"quoted\"");
        Assert.Equal(0, await chair.Locator("main b").CountAsync());
        Assert.Null(await chair.EvaluateAsync<int?>("window.hacked"));
        Assert.Equal(0, dialogs);

        // The page allows only its own scripts: the policy names a nonce, never 'unsafe-inline'.
        var response = await chair.GotoAsync($"/reviews/{id}");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// Benchmarking in the browser, with the demo's groups (appsettings.Development.json) placed by the demo structure file: a chair's
/// "how we compare" with its charts, tables and downloads; a guidance's national picture without JavaScript and by keyboard; a network
/// admin's network view and the structure page. Every page axe-clean.
/// </summary>
public sealed class BenchmarkingPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Westvale = "Westvale NICE implementation group", Southmere = "Southmere NICE implementation group",
        Highfield = "Highfield NICE implementation group", Lakeside = "Lakeside NICE implementation group";

    /// <summary>Five groups decide NG640 (each test its own number, as the tests share the app).</summary>
    private async Task FiveGroupsDecided(string guidance)
    {
        await Given.DecidedBy("amara.okafor", Given.Group, guidance, "MN", 100);
        await Given.DecidedBy("wendy.shaw", Westvale, guidance, "MM", 60);
        await Given.DecidedBy("sam.ortiz", Southmere, guidance, "PN", 120);
        await Given.DecidedBy("hana.ito", Highfield, guidance, "NN", 80);
        await Given.DecidedBy("leo.grant", Lakeside, guidance, "MP", 40);
    }

    [Fact]
    public async Task A_chair_sees_how_the_group_compares_in_charts_with_tables_beside_them_and_downloads_each_table()
    {
        await FiveGroupsDecided("NG641");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync("/");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Benchmarks", Exact = true }).ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Benchmarks");
        await Accessible(chair, "benchmarking-index");
        await chair.GetByRole(AriaRole.Link, new() { Name = $"How {Given.Group} compares" }).ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("How we compare");
        // The figures come from the async projection: a moment after the decisions.
        await ReloadUntil(chair, main => System.Text.RegularExpressions.Regex.IsMatch(main, @"The group is \d+(st|nd|rd|th) of [5-9] groups"), "the five groups' decisions");

        var chart = chair.Locator("#daystodecision-levels-title").Locator("xpath=..");
        await Expect(chart).ToHaveAttributeAsync("role", "img");
        await Expect(chair.Locator("#daystodecision-levels-desc")).ToContainTextAsync("England:");
        // The chart's figures are in the table beside it; the narrow levels are withheld, with why.
        var table = chair.Locator("table", new() { Has = chair.Locator("caption", new() { HasText = "Days from publication to decision," }) });
        await Expect(table.Locator("tr", new() { HasText = "England" })).ToContainTextAsync("days");
        await Expect(table.Locator("tr", new() { HasText = "integrated care system" })).ToContainTextAsync("Not shown");
        // Other tests share this app and decide Riverside reviews too: the rank is the API tests' to check; here, that it is said.
        await Expect(chair.Locator("main")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"The group is \d+(st|nd|rd|th) of \d+ groups"));
        await Accessible(chair, "benchmarking-group");

        var csv = await chair.RunAndWaitForDownloadAsync(() =>
            chair.Locator("#compliance ~ p a", new() { HasText = "this table (CSV)" }).First.ClickAsync());
        var text = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.StartsWith("Level,Name,Groups,Note,Recommendations", text);
        Assert.Contains("England,England,5,", text);
        var xlsx = await chair.RunAndWaitForDownloadAsync(() => chair.GetByRole(AriaRole.Link, new() { Name = "every table (.xlsx)" }).First.ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename);
    }

    [Fact]
    public async Task The_national_picture_works_without_javascript_names_only_what_it_may_and_opens_by_keyboard()
    {
        await FiveGroupsDecided("NG642");
        var chair = await SignInAs("amara.okafor", javaScript: false);
        await chair.GotoAsync("/benchmarking");
        await Button(chair, "Show the national picture").ClickAsync();
        await ShowsErrorFor(chair, "guidance");
        await chair.GetByLabel("See a guidance's national picture").FillAsync("ng642");
        await Button(chair, "Show the national picture").ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("NG642: the national picture");
        await ReloadUntil(chair, "5 groups that share their figures");
        // Recommendation 1.1: met by Riverside, Westvale and Lakeside; partly by Southmere; not by Highfield. Only Riverside is named.
        await Expect(chair.Locator("#rec-1-1-desc")).ToHaveTextAsync("Met: 3 groups; Partially met: 1 groups; Not met: 1 groups; Not applicable: 0 groups. Your group: met.");
        var answers = chair.Locator("details", new() { HasText = "Each group's answer to 1.1" });
        await Expect(answers.Locator("li", new() { HasText = "Another group" })).ToHaveCountAsync(4);
        await Expect(answers.Locator("li", new() { HasText = $"{Given.Group} (your group): Met" })).ToHaveCountAsync(1);
        await Expect(chair.Locator("main")).Not.ToContainTextAsync(Westvale);

        var withScript = await SignInAs("amara.okafor");
        await withScript.GotoAsync("/benchmarking/guidance/NG642");
        await Accessible(withScript, "benchmarking-guidance");
        await withScript.Locator("summary", new() { HasText = "Each group's answer to 1.1" }).FocusAsync();
        await withScript.Keyboard.PressAsync("Enter");
        await Expect(withScript.Locator("details", new() { HasText = "Each group's answer to 1.1" })).ToHaveAttributeAsync("open", "");
    }

    [Fact]
    public async Task A_network_admin_sees_the_networks_groups_unnamed_and_keeps_the_structure_without_javascript()
    {
        await FiveGroupsDecided("NG643");
        var admin = await SignInAs("nadia.khan", javaScript: false);
        await admin.GotoAsync("/benchmarking");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Northern learning and improvement network (demo) (network)" }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Northern learning and improvement network (demo)");
        await ReloadUntil(admin, "each group in Northern");
        await Expect(admin.Locator("main")).Not.ToContainTextAsync(Westvale);

        await admin.GotoAsync("/benchmarking/structure");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("The NHS structure");
        await admin.Locator("summary", new() { HasText = "Add or rename a region" }).ClickAsync();
        await admin.Locator("#region-code").FillAsync("not a code!");
        await Button(admin, "Save the region").ClickAsync();
        await ShowsErrorFor(admin, "region-code");
        await admin.Locator("#region-code").FillAsync("Y99");
        await admin.Locator("#region-name").FillAsync("Demo region");
        await Button(admin, "Save the region").ClickAsync();
        await Expect(admin.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The region Y99 has been saved.");
        await Expect(admin.Locator("table", new() { HasText = "Demo region" })).ToHaveCountAsync(1);

        var withScript = await SignInAs("nadia.khan");
        await withScript.GotoAsync("/benchmarking/structure");
        await Accessible(withScript, "benchmarking-structure");
        await withScript.GotoAsync("/benchmarking/networks/LIN-DEMO");
        await Accessible(withScript, "benchmarking-network");

        var chair = await SignInAs("wendy.shaw");
        var denied = await chair.GotoAsync("/benchmarking/structure");
        Assert.Equal(403, denied!.Status);
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// Improvement projects in the browser: a chair starts a project, defines a measure and records a measurement (each form answering
/// a mistake field by field), sees the XmR chart with its table and icons in words and downloads it (every page axe-clean); a
/// commissioner reads the project and its chart without JavaScript, with no forms; another group's chair is told it does not exist.
/// </summary>
public sealed class ProjectPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_chair_starts_a_project_measures_it_and_reads_its_control_chart_and_a_commissioner_reads_it_too()
    {
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync("/");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true }).ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Improvement projects");
        await Accessible(chair, "projects-index");
        await chair.GetByRole(AriaRole.Link, new() { Name = $"Start a project in {Given.Group}" }).ClickAsync();

        await Button(chair, "Start the project").ClickAsync();
        await ShowsErrorFor(chair, "aim-bywhen-day");
        var title = $"Falls on the frailty wards {Guid.NewGuid():N}"[..40];
        await chair.GetByLabel("Project title").FillAsync(title);
        await chair.GetByLabel("What are you trying to improve?").FillAsync("Fewer inpatient falls on wards 7 and 8");
        await chair.GetByLabel("By how much?").FillAsync("from 8 to 4 per 1,000 bed days");
        await chair.GetByLabel("Day").FillAsync("31");
        await chair.GetByLabel("Month").FillAsync("12");
        await chair.GetByLabel("Year").FillAsync((DateTime.UtcNow.Year + 1).ToString());
        await Accessible(chair, "projects-start");
        await Button(chair, "Start the project").ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync(title);

        await chair.GetByLabel("Name").FillAsync("Falls per 1,000 bed days");
        await chair.GetByLabel("Operational definition").FillAsync("Falls on the incident system for wards 7 and 8 over occupied bed days, each month");
        await chair.GetByLabel("Unit").FillAsync("falls per 1,000 bed days");
        await Button(chair, "Define the measure").ClickAsync();
        await ShowsErrorFor(chair, "direction");
        await chair.GetByLabel("Lower is better").CheckAsync();
        await chair.GetByLabel("Target (optional)").FillAsync("4");
        await Button(chair, "Define the measure").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner, .app-confirmation").First).ToContainTextAsync("is defined");

        // Nine months sent by an integrator, the tenth typed here: 10 11 10 11 12 11 10 11 10 11, mean 10.7, limits 8.04 to 13.36.
        var project = Guid.Parse(chair.Url.Split('/')[^1].Split('?')[0]);
        var answer = await Given.ProjectOf(project);
        await Given.Measured("amara.okafor", project, answer.Measures[0].Id, 10, 11, 10, 11, 12, 11, 10, 11, 10);
        await chair.ReloadAsync();
        await chair.GetByLabel("Value").FillAsync("eleven");
        await chair.Locator("#period-day").FillAsync("1");
        await chair.Locator("#period-month").FillAsync("10");
        await chair.Locator("#period-year").FillAsync("2025");
        await Button(chair, "Record it").ClickAsync();
        await ShowsErrorFor(chair, "value");
        await chair.GetByLabel("Value").FillAsync("11");
        await Button(chair, "Record it").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("Recorded 11 for 1 Oct 2025");

        await Expect(chair.Locator("#measure-1-title").Locator("xpath=..")).ToHaveAttributeAsync("role", "img");
        await Expect(chair.Locator("#measure-1-desc")).ToContainTextAsync("Latest mean 10.7, process limits 8.04 to 13.36, target 4");
        await Expect(chair.Locator("main")).ToContainTextAsync("The process will not meet the target without changing");
        var table = chair.Locator("table", new() { Has = chair.Locator("caption", new() { HasText = "Falls per 1,000 bed days by period" }) });
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(10);
        await Expect(table.Locator("tbody tr").Last).ToContainTextAsync("8.04 to 13.36");
        await Accessible(chair, "projects-project");
        var csv = await chair.RunAndWaitForDownloadAsync(() => chair.GetByRole(AriaRole.Link, new() { Name = "Download Falls per 1,000 bed days's chart as a table (CSV)" }).ClickAsync());
        var text = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.StartsWith("Period,\"Falls per 1,000 bed days\",Mean,Upper process limit", text);
        Assert.Contains("2025-10-01,11,10.7,13.36,8.04,1,Common cause", text);

        var commissioner = await SignInAs("rachel.stone", javaScript: false);
        await commissioner.GotoAsync($"/projects/{project}");
        await Expect(commissioner.Locator("h1")).ToHaveTextAsync(title);
        await Expect(commissioner.Locator("#measure-1-desc")).ToContainTextAsync("Latest mean 10.7");
        await Expect(commissioner.GetByRole(AriaRole.Heading, new() { Name = "Record a measurement" })).ToHaveCountAsync(0);
        var outsider = await SignInAs("ade.adeyemi", javaScript: false);
        var missing = await outsider.GotoAsync($"/projects/{project}");
        Assert.Equal(404, missing!.Status);
    }
}

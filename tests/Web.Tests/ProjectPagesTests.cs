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

    [Fact]
    public async Task The_team_uploads_removes_and_recalculates_data_writes_up_a_cycle_and_changes_the_aim_and_team_in_pages()
    {
        var project = await Given.MeasuredProject(); // 13 months from January 2025
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/projects/{project}");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Upload, remove or recalculate Weeks to first appointment's data, or revise the measure" }).ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Weeks to first appointment: its data");
        await Accessible(chair, "projects-measure");

        // A file with a bad row: named by its row, nothing saved.
        await chair.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "waits.csv", MimeType = "text/csv", Buffer = "Period,Value\n2026-02-01,5\nMarch 2026,five\n"u8.ToArray() });
        await Button(chair, "Upload the measurements").ClickAsync();
        Assert.Equal("Row 3: the value \"five\" is not a number", await ShowsErrorFor(chair, "file"));
        await Expect(chair.Locator("main")).ToContainTextAsync("13 measurements from 1 Jan 2025 to 1 Jan 2026");
        await Accessible(chair, "projects-measure-file-error");

        // Without JavaScript, the file goes up all the same.
        var plain = await SignInAs("amara.okafor", javaScript: false);
        await plain.GotoAsync($"/projects/{project}/measures/{(await Given.ProjectOf(project)).Measures[0].Id}");
        await plain.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "waits.csv", MimeType = "text/csv", Buffer = "Period,Value,Note\n2026-02-01,5,Second clinic\n01/03/2026,5,\n"u8.ToArray() });
        await Button(plain, "Upload the measurements").ClickAsync();
        await Expect(plain.Locator("main")).ToContainTextAsync("The file's measurements are recorded for Weeks to first appointment.");
        await Expect(plain.Locator("main")).ToContainTextAsync("15 measurements from 1 Jan 2025 to 1 Mar 2026");

        // Remove one, with why.
        await chair.ReloadAsync();
        await chair.GetByLabel("Measurement", new() { Exact = true }).SelectOptionAsync("2026-03-01");
        await Button(chair, "Remove the measurement").ClickAsync();
        await ShowsErrorFor(chair, "removalreason");
        await chair.GetByLabel("Measurement", new() { Exact = true }).SelectOptionAsync("2026-03-01");
        await chair.GetByLabel("Why is it removed?").FillAsync("Counted twice");
        await Button(chair, "Remove the measurement").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("The measurement for 1 Mar 2026 is removed");
        await Expect(chair.Locator("main")).ToContainTextAsync("14 measurements from 1 Jan 2025 to 1 Feb 2026");

        // Recalculate from July 2025, then stop.
        await chair.GetByLabel("Recalculate from").SelectOptionAsync("2025-07-01");
        await chair.GetByLabel("What changed in the process?").FillAsync("A second clinic opened");
        await Button(chair, "Recalculate the limits").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("Limits recalculated from 1 Jul 2025.");
        await Accessible(chair, "projects-measure-recalculated");
        await Button(chair, "Stop recalculating from 1 Jul 2025").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("The limits are no longer recalculated from 1 Jul 2025.");

        // Revise the measure: its form starts filled in.
        await Expect(chair.GetByLabel("Unit")).ToHaveValueAsync("weeks");
        await chair.GetByLabel("Target (optional)").FillAsync("3");
        await Button(chair, "Save the measure").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("The measure \"Weeks to first appointment\" is revised.");

        // The chart as an image file.
        await chair.GotoAsync($"/projects/{project}");
        await Expect(chair.Locator("#measure-1-desc")).ToContainTextAsync("target 3");
        var svg = await chair.RunAndWaitForDownloadAsync(() => chair.GetByRole(AriaRole.Link, new() { Name = "Download Weeks to first appointment's chart as an image (SVG)" }).ClickAsync());
        var image = await File.ReadAllTextAsync((await svg.PathAsync())!);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", image);
        Assert.Contains("14 points from 1 Jan 2025 to 1 Feb 2026", image);

        // A cycle started, then written up on its own page; a cycle ending before it starts is refused.
        await chair.GetByLabel("The change being tested").FillAsync("Second clinic on Tuesdays");
        await chair.GetByLabel("Plan", new() { Exact = true }).FillAsync("Run a second clinic each Tuesday for a month; predict waits fall by a week.");
        await Button(chair, "Start the cycle").ClickAsync();
        await chair.Locator("a", new() { HasText = "Write up cycle 1" }).ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Write up cycle 1");
        await Accessible(chair, "projects-cycle");
        await chair.Locator("#startedon-day").FillAsync("2");
        await chair.Locator("#startedon-month").FillAsync("2");
        await chair.Locator("#startedon-year").FillAsync("2026");
        await chair.Locator("#endedon-day").FillAsync("1");
        await chair.Locator("#endedon-month").FillAsync("1");
        await chair.Locator("#endedon-year").FillAsync("2026");
        await chair.GetByLabel("Study (optional)").FillAsync("Waits fell from 6 to 5 weeks, as predicted.");
        await Button(chair, "Save the cycle").ClickAsync();
        await Expect(chair.Locator(".nhsuk-error-summary")).ToContainTextAsync("The cycle cannot end before it starts.");
        await chair.Locator("#endedon-month").FillAsync("3");
        await chair.GetByLabel("Act (optional)").FillAsync("Adopt: the Tuesday clinic stays.");
        await Button(chair, "Save the cycle").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("Cycle 1 is written up.");
        await Expect(chair.Locator("main")).ToContainTextAsync("Started 2 Feb 2026, ended 1 Mar 2026");
        await Expect(chair.Locator("main")).ToContainTextAsync("Adopt: the Tuesday clinic stays.");

        // The aim and the team.
        await chair.GetByRole(AriaRole.Link, new() { Name = "Change the aim or the team" }).ClickAsync();
        await Expect(chair.GetByLabel("By how much?")).ToHaveValueAsync("to under 4 weeks");
        await Accessible(chair, "projects-team");
        await chair.GetByLabel("By how much?").FillAsync("to under 3 weeks");
        await Button(chair, "Save the aim").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("to under 3 weeks");
        await chair.GotoAsync($"/projects/{project}/team");
        await chair.GetByLabel("Add someone from the group").SelectOptionAsync("mark.fenwick");
        await Button(chair, "Add them to the team").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("is on the project's team");
        var mark = chair.Locator("li", new() { Has = chair.Locator("input[name=userId][value='mark.fenwick']") });
        await mark.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("is no longer on the project's team");

        // The group's commissioner reads the project but is not on its team: its editing pages are refused.
        var commissioner = await SignInAs("rachel.stone", javaScript: false);
        Assert.Equal(403, (await commissioner.GotoAsync($"/projects/{project}/team"))!.Status);
    }

    [Fact]
    public async Task A_completed_project_is_shared_from_its_page_and_its_library_entry_draws_the_chart_with_its_table()
    {
        var project = await Given.MeasuredProject();
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/projects/{project}");
        await chair.GetByLabel("Summary", new() { Exact = true }).FillAsync("Waits fell from ten weeks to six after a second clinic opened.");
        await Button(chair, "Complete the project").ClickAsync();
        await Expect(chair.Locator("main")).ToContainTextAsync("The project is completed");
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Share it with the learning library" })).ToBeVisibleAsync();
        await Accessible(chair, "projects-completed");

        await chair.GetByLabel("NHS England region (optional)").SelectOptionAsync("NorthWest");
        await Button(chair, "Share it with the library").ClickAsync();
        await Expect(chair.Locator("h1")).ToHaveTextAsync("Waits for falls clinic");
        await Expect(chair.Locator("main")).ToContainTextAsync("A library editor reads it before other groups can find it");
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Measures charted" })).ToBeVisibleAsync();
        await Expect(chair.Locator("#chart-1-title").Locator("xpath=..")).ToHaveAttributeAsync("role", "img");
        await Expect(chair.Locator("#chart-1-desc")).ToContainTextAsync("13 points from 1 Jan 2025 to 1 Jan 2026");
        await Expect(chair.Locator("table", new() { Has = chair.Locator("caption", new() { HasText = "Weeks to first appointment by period" }) }).Locator("tbody tr"))
            .ToHaveCountAsync(13);
        await Accessible(chair, "library-entry-from-a-project");

        await chair.GotoAsync($"/projects/{project}");
        await Expect(chair.Locator("main")).ToContainTextAsync("Shared with the learning library as its entry.");
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Share it with the learning library" })).ToHaveCountAsync(0);
    }
}

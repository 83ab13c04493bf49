using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// The front door in the browser: the catalogue (its administrator adds a NICE document, anyone finds
/// it), and triage (the triage lead triages with JavaScript off, the chair opens the review from it).
/// Every page axe-clean and no wider than a 320 px screen.
/// </summary>
public sealed class FrontDoorTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Queue = "/groups/Riverside%20NICE%20implementation%20group/triage";

    private static string Document(string number, DateOnly issued) => Given.NiceDocument(number, issued);

    private Task InCatalogue(string number) => Given.InCatalogue(number);

    [Fact]
    public async Task A_catalogue_administrator_adds_a_document_and_anyone_finds_its_recommendations()
    {
        var admin = await SignInAs("amara.okafor");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("NICE guidance catalogue");
        await Accessible(admin, "catalogue");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Import from NICE and add documents" }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Import from NICE");
        await Expect(admin.Locator("main")).ToContainTextAsync("Import from NICE is off");
        await Accessible(admin, "catalogue-import");

        var file = Path.Combine(Path.GetTempPath(), $"nice-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"GuidanceNumber\":\"NG9301\"}");
        await admin.Locator("#document").SetInputFilesAsync(file);
        await Button(admin, "Add to the catalogue").ClickAsync();
        await ShowsErrorFor(admin, "document");
        await Accessible(admin, "catalogue-import-error");

        await File.WriteAllTextAsync(file, Document("NG9301", new DateOnly(2026, 5, 1)));
        await admin.Locator("#document").SetInputFilesAsync(file);
        await Button(admin, "Add to the catalogue").ClickAsync();
        await Expect(admin.Locator(".nhsuk-notification-banner")).ToContainTextAsync("NG9301 version 1 is in the catalogue.");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("NG9301: Foot checks for people with diabetes");
        await Expect(admin.Locator("#rec-1-1-3")).ToContainTextAsync("Strong: do not offer");
        await Expect(admin.Locator("#rec-1-1-3")).ToContainTextAsync("NICE's year tag: 2015, amended 2026");
        await Accessible(admin, "catalogue-product");

        var tom = await SignInAs("tom.hadley");
        await tom.GotoAsync("/catalogue");
        await tom.GetByLabel("Guidance number or title").FillAsync("foot checks");
        await Button(tom, "Search the catalogue").ClickAsync();
        await tom.GetByRole(AriaRole.Link, new() { Name = "NG9301: Foot checks for people with diabetes" }).ClickAsync();
        await Expect(tom.Locator("main")).ToContainTextAsync("3 current recommendations");
        Assert.Equal(403, (await tom.GotoAsync("/catalogue/import"))!.Status);
        Assert.Equal(404, (await tom.GotoAsync("/catalogue/NG9399"))!.Status);
    }

    [Fact]
    public async Task The_triage_lead_triages_without_javascript_and_the_chair_opens_the_review_from_it()
    {
        await InCatalogue("NG9302");
        // axe needs JavaScript in the page: the pages are checked with it on, then the triage is done with it off.
        var look = await SignInAs("lucy.hart");
        await look.GetByRole(AriaRole.Link, new() { Name = "Triage", Exact = true }).ClickAsync();
        await Expect(look.Locator("h1")).ToHaveTextAsync("Triage");
        await Accessible(look, "triage");
        await look.GotoAsync(Queue);
        await ReloadUntil(look, "NG9302");
        await Accessible(look, "triage-queue");
        await look.GetByRole(AriaRole.Link, new() { Name = "NG9302: Foot checks for people with diabetes" }).ClickAsync();
        await Expect(look.Locator("h1")).ToHaveTextAsync("NG9302: Foot checks for people with diabetes");
        await Accessible(look, "triage-item");
        await Button(look, "Save the triage").ClickAsync();
        await ShowsErrorFor(look, "outcome");
        await Accessible(look, "triage-item-error");

        var lead = await SignInAs("lucy.hart", javaScript: false);
        await lead.GotoAsync($"{Queue}/NG9302");
        await lead.GetByLabel("Relevant to the group", new() { Exact = true }).CheckAsync();
        await Button(lead, "Save the triage").ClickAsync();
        await ShowsErrorFor(lead, "services");
        await ShowsErrorFor(lead, "clinicallead");
        await ShowsErrorFor(lead, "manageriallead");
        await lead.GetByLabel("Services affected").FillAsync("Diabetes clinic\nPodiatry");
        await lead.GetByLabel("Clinical lead").FillAsync("Dr Iris Chen");
        await lead.GetByLabel("Managerial lead").FillAsync("Lucy Hart");
        await Button(lead, "Save the triage").ClickAsync();
        await Expect(lead.Locator(".nhsuk-notification-banner")).ToContainTextAsync("NG9302 is recorded as relevant to the group.");
        await Expect(lead.Locator("main")).ToContainTextAsync("Diabetes clinic; Podiatry");
        // Only a chair opens the review and moves the deadline.
        await Expect(lead.GetByRole(AriaRole.Button, new() { Name = "Open the review of NG9302" })).ToHaveCountAsync(0);

        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"{Queue}/NG9302");
        await Button(chair, "Open the review of NG9302").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("its grid built from NICE's 3 recommendations");
        var reviewId = ReviewIdIn(chair.Url);
        using var client = Fixture.App.Client();
        client.DefaultRequestHeaders.Add("X-Dev-User", "amara.okafor");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/reviews/{reviewId}");
        Assert.Equal(["1.1.1", "1.1.2", "1.1.3"], view.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("number").GetString()));

        await chair.GotoAsync($"{Queue}/NG9302");
        await Expect(chair.Locator("main")).ToContainTextAsync("Review opened");
        await Expect(chair.GetByRole(AriaRole.Link, new() { Name = "Open the review" })).ToHaveAttributeAsync("href", $"/reviews/{reviewId}");
    }

    [Fact]
    public async Task The_chair_moves_a_triage_deadline_and_a_wrong_date_is_explained()
    {
        await InCatalogue("NG9303");
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync(Queue);
        await ReloadUntil(chair, "NG9303");
        await chair.GotoAsync($"{Queue}/NG9303");
        await chair.Locator("#dueat-day").FillAsync("31");
        await chair.Locator("#dueat-month").FillAsync("2");
        await Button(chair, "Move the deadline").ClickAsync();
        await ShowsErrorFor(chair, "dueat-day");
        var next = DateTime.UtcNow.AddDays(30);
        await chair.Locator("#dueat-day").FillAsync(next.Day.ToString());
        await chair.Locator("#dueat-month").FillAsync(next.Month.ToString());
        await chair.Locator("#dueat-year").FillAsync(next.Year.ToString());
        await Button(chair, "Move the deadline").ClickAsync();
        await ShowsErrorFor(chair, "movereason");
        await chair.GetByLabel("Why the deadline moves").FillAsync("Taken at the group's next meeting");
        await Button(chair, "Move the deadline").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The triage deadline is now");
    }

    [Fact]
    public async Task A_catalogue_administrator_types_a_product_in_by_hand()
    {
        var admin = await SignInAs("amara.okafor");
        await admin.GotoAsync("/catalogue/import");
        await admin.GetByLabel("Guidance number", new() { Exact = true }).FillAsync("QS9307");
        await admin.GetByLabel("Title", new() { Exact = true }).FillAsync("Foot care quality standard");
        await admin.GetByLabel("Recommendations, one a line").FillAsync("1.1 Offer a foot check every year. [2026]\nnumberless");
        await Button(admin, "Add the product").ClickAsync();
        await ShowsErrorFor(admin, "issued-day");
        await ShowsErrorFor(admin, "recommendations");
        await admin.Locator("#issued-day").FillAsync("1");
        await admin.Locator("#issued-month").FillAsync("6");
        await admin.Locator("#issued-year").FillAsync("2026");
        await admin.GetByLabel("Recommendations, one a line").FillAsync("1.1 Offer a foot check every year. [2026]\n1.2 Consider podiatry for numb feet.");
        await Button(admin, "Add the product").ClickAsync();
        await Expect(admin.Locator(".nhsuk-notification-banner")).ToContainTextAsync("QS9307 version 1 is in the catalogue.");
        await Expect(admin.Locator("#rec-1-2")).ToContainTextAsync("Consider");
    }

    [Fact]
    public async Task The_front_door_pages_fit_a_320_pixel_screen()
    {
        await InCatalogue("NG9304");
        var chair = await SignInAs("amara.okafor");
        await chair.SetViewportSizeAsync(320, 800);
        await chair.GotoAsync(Queue);
        await ReloadUntil(chair, "NG9304");
        foreach (var path in new[] { "/catalogue", "/catalogue/NG9304", "/catalogue/import", "/triage", Queue, $"{Queue}/NG9304" })
        {
            await chair.GotoAsync(path);
            var width = await chair.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 320, $"{path} is {width} px wide at a 320 px screen");
        }
    }
}

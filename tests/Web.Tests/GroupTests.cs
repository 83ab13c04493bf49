using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>A group admin manages the group's members and timeframes from its page; others only see it, or not at all.</summary>
public sealed class GroupTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string GroupUrl = "/groups/Riverside%20NICE%20implementation%20group";

    [Fact]
    public async Task A_group_admin_adds_and_removes_a_member_and_sets_the_timeframes()
    {
        var admin = await SignInAs("amara.okafor");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Riverside NICE implementation group" }).ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Riverside NICE implementation group");
        await Accessible(admin, "group");

        await Button(admin, "Save member").ClickAsync();
        await ShowsErrorFor(admin, "userid");
        await ShowsErrorFor(admin, "name");
        Assert.StartsWith("Choose at least one role", await ShowsErrorFor(admin, "roles"));
        await Accessible(admin, "error-group-member");

        await admin.GetByLabel("User id").FillAsync("lena.fox");
        await admin.GetByLabel("Full name").FillAsync("Dr Lena Fox");
        await admin.GetByLabel("Commissioner").CheckAsync();
        await Button(admin, "Save member").ClickAsync();
        await Expect(admin.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Dr Lena Fox is now in the group as commissioner.");
        await Expect(admin.Locator("tbody")).ToContainTextAsync("lena.fox");
        await Expect(admin.Locator("main")).ToContainTextAsync("Dr Lena Fox (lena.fox): Commissioner");

        await Button(admin, "Remove Dr Lena Fox").ClickAsync();
        await Expect(admin.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Dr Lena Fox has been removed from the group.");
        await Expect(admin.Locator("tbody")).Not.ToContainTextAsync("lena.fox");

        await admin.GetByLabel("Reminder days before a response deadline").FillAsync("7, soon");
        await Button(admin, "Save timeframes").ClickAsync();
        await ShowsErrorFor(admin, "reminderdaysbefore");
        await admin.GetByLabel("Reminder days before a response deadline").FillAsync("90");
        await Button(admin, "Save timeframes").ClickAsync();
        Assert.StartsWith("Give one to five different reminder days", await ShowsErrorFor(admin, "reminderdaysbefore"));
        await admin.GetByLabel("Reminder days before a response deadline").FillAsync("");
        await Button(admin, "Save timeframes").ClickAsync();
        await Expect(admin.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The group's timeframes have been saved.");
    }

    [Fact]
    public async Task Members_who_are_not_admins_only_see_the_group_and_others_are_told_it_does_not_exist()
    {
        var rachel = await SignInAs("rachel.stone");
        await rachel.GotoAsync(GroupUrl);
        await Expect(rachel.Locator("tbody")).ToContainTextAsync("Dr Amara Okafor");
        await Expect(rachel.GetByRole(AriaRole.Button, new() { Name = "Save member" })).ToHaveCountAsync(0);
        var token = await rachel.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var post = await rachel.APIRequest.PostAsync($"{GroupUrl}?handler=Remove&userId=amara.okafor", new()
        {
            Form = rachel.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        });
        Assert.Equal(403, post.Status);
        await rachel.ReloadAsync();
        await Expect(rachel.Locator("tbody")).ToContainTextAsync("Dr Amara Okafor");

        var tom = await SignInAs("tom.hadley");
        Assert.Equal(404, (await tom.GotoAsync(GroupUrl))!.Status);
    }
}

using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// Following the library in the browser: a reader follows and stops following without JavaScript, with errors named; a chair
/// makes the group follow a topic with the keyboard alone; the digest's unsubscribe link works signed out and stops the digest
/// only when its button is pressed. Every page axe-clean.
/// </summary>
public sealed class LibraryFollowingPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_reader_follows_and_stops_following_without_javascript_and_a_chair_makes_the_group_follow_with_the_keyboard()
    {
        var reader = await SignInAs("margaret.ellis", javaScript: false);
        await reader.GotoAsync("/library");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Follow new learning" }).ClickAsync();
        await Expect(reader.Locator("h1")).ToHaveTextAsync("Follow new learning");
        await Button(reader, "Follow").ClickAsync();
        await ShowsErrorFor(reader, "kind");
        await reader.GetByLabel("A NICE guidance number").CheckAsync();
        await reader.GetByLabel("Guidance number or topic").FillAsync("not a number");
        await Button(reader, "Follow").ClickAsync();
        await ShowsErrorFor(reader, "value");
        await reader.GetByLabel("Guidance number or topic").FillAsync("ng115");
        await Button(reader, "Follow").ClickAsync();
        await Expect(reader.Locator(".nhsuk-notification-banner")).ToContainTextAsync("You now follow NG115.");
        await Expect(reader.Locator("main")).ToContainTextAsync("Your weekly digest is on");
        await Button(reader, "Stop following NG115").ClickAsync();
        await Expect(reader.Locator(".nhsuk-notification-banner")).ToContainTextAsync("You no longer follow NG115.");

        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync("/library/following");
        await Accessible(chair, "library-following");
        // Keyboard alone: the choice, the words, the group, then Enter.
        await chair.GetByLabel("A topic").FocusAsync();
        await chair.Keyboard.PressAsync("Space");
        await chair.Keyboard.PressAsync("Tab");
        await Expect(chair.GetByLabel("Guidance number or topic")).ToBeFocusedAsync();
        await chair.Keyboard.TypeAsync("Falls prevention");
        await chair.Keyboard.PressAsync("Tab");
        await Expect(chair.GetByLabel("Who follows it")).ToBeFocusedAsync();
        await chair.GetByLabel("Who follows it").SelectOptionAsync(Given.Group);
        await chair.GetByLabel("Guidance number or topic").FocusAsync();
        await chair.Keyboard.PressAsync("Enter");
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync($"{Given.Group} now follows the topic 'falls prevention'.");
        await Expect(chair.Locator("main")).ToContainTextAsync("Topic: falls prevention");
        await Accessible(chair, "library-following-group");
    }

    [Fact]
    public async Task The_unsubscribe_link_works_signed_out_and_stops_the_digest_only_when_asked()
    {
        var signedOut = await NewPage();
        var bad = await signedOut.GotoAsync("/library/unsubscribe?user=sunil.mehta&token=not-the-right-one");
        Assert.Equal(404, bad!.Status);
        await Expect(signedOut.Locator("main")).ToContainTextAsync("This unsubscribe link is not complete or not valid");
        await Accessible(signedOut, "library-unsubscribe-invalid");

        // The link as a digest carries it: signed with the key the app keeps in its database (made by the check above).
        // The person must be known to the directory: signing in once records them.
        await SignInAs("sunil.mehta");
        var token = GuidanceFlow.Workflows.Library.DigestLinks.Token(await DigestKey(), "sunil.mehta");
        var link = GuidanceFlow.Workflows.Library.DigestLinks.UnsubscribePath("sunil.mehta", token);
        await signedOut.GotoAsync(link);
        await Expect(signedOut.Locator("h1")).ToHaveTextAsync("Stop the weekly library digest");
        await Accessible(signedOut, "library-unsubscribe");
        await Button(signedOut, "Stop the digest").ClickAsync();
        await Expect(signedOut.Locator("h1")).ToHaveTextAsync("You will get no more weekly digests");
        await Accessible(signedOut, "library-unsubscribed");

        var sunil = await SignInAs("sunil.mehta");
        await sunil.GotoAsync("/library/following");
        await Expect(sunil.Locator("main")).ToContainTextAsync("Your weekly digest is off");
    }

    private async Task<byte[]> DigestKey()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(data->>'key', data->>'Key') from guidanceflow.mt_doc_librarysecret where id = 'digest-unsubscribe'", connection);
        return Convert.FromBase64String((string)(await command.ExecuteScalarAsync())!);
    }
}

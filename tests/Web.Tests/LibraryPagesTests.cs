using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// The learning library in the browser: good practice shared (previewed, refused with named errors, sent) with JavaScript
/// off, moderated by an editor, found by a reader with highlighted words and facets; a chair drafts a decided review's case
/// study from its page and publishes it. Every page axe-clean.
/// </summary>
public sealed class LibraryPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Good_practice_is_previewed_sent_moderated_and_found_with_the_words_highlighted()
    {
        var title = $"Hospital at home for COPD {Guid.NewGuid():N}"[..40];
        // The author with JavaScript on, so axe can run; the editor and the reader without it (axe needs script, so their
        // pages are checked again in a session that has it).
        var author = await SignInAs("sunil.mehta");
        await author.GotoAsync("/library");
        await Accessible(author, "library-home");
        await author.GetByRole(AriaRole.Link, new() { Name = "Share good practice" }).ClickAsync();
        await Expect(author.Locator("h1")).ToHaveTextAsync("Share good practice");
        await Button(author, "Send to the editors").ClickAsync();
        await ShowsErrorFor(author, "form-title");
        await Accessible(author, "library-submit-errors");

        await author.GetByLabel("Title").FillAsync(title);
        await author.GetByLabel("Summary").FillAsync("Respiratory nurses treat flare-ups at home instead of on the ward.");
        await author.GetByLabel("What was done").FillAsync("A virtual ward with daily nurse visits and pulse oximetry.");
        await author.GetByLabel("Results").FillAsync("Bed days fell by a third.");
        await author.GetByLabel("NICE guidance it relates to (optional)").FillAsync("NG115");
        await author.GetByLabel("Community services").CheckAsync();
        await Button(author, "Preview").ClickAsync();
        await Expect(author.Locator(".app-preview")).ToContainTextAsync("A virtual ward with daily nurse visits");
        await Accessible(author, "library-submit-preview");
        await Button(author, "Send to the editors").ClickAsync();
        await Expect(author.Locator(".nhsuk-notification-banner")).ToContainTextAsync("your entry is with the library's editors");
        await Expect(author.Locator("main")).ToContainTextAsync("Waiting for an editor");
        var entryUrl = author.Url;
        await Accessible(author, "library-entry-waiting");
        // Its history: each version can be seen as it was.
        await author.GetByRole(AriaRole.Link, new() { Name = "See the entry as it was then" }).ClickAsync();
        await Expect(author.Locator(".nhsuk-inset-text")).ToContainTextAsync("You are looking at version 1 of this entry");
        await Accessible(author, "library-entry-version");
        await author.GotoAsync(entryUrl);

        var editor = await SignInAs("ellen.wood", javaScript: false);
        await editor.GotoAsync("/library/moderation");
        await editor.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Button(editor, "Save the decision").ClickAsync();
        await ShowsErrorFor(editor, "outcome");
        await editor.GetByLabel("Approve and publish").CheckAsync();
        await Button(editor, "Save the decision").ClickAsync();
        await Expect(editor.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The entry is published");

        var reader = await SignInAs("margaret.ellis", javaScript: false);
        await reader.GotoAsync("/library");
        await reader.GetByLabel("Search the library").FillAsync("\"virtual ward\" oximetry");
        await Button(reader, "Search").ClickAsync();
        var hit = reader.Locator(".app-result", new() { HasText = title });
        await Expect(hit.Locator("mark").First).ToBeVisibleAsync();
        await Expect(reader.Locator("main")).ToContainTextAsync("Community services");
        var searchUrl = reader.Url;
        await reader.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(reader.Locator("h1")).ToHaveTextAsync(title);
        await Expect(reader.Locator("main")).Not.ToContainTextAsync("History");
        Assert.Equal(entryUrl, reader.Url);

        var looking = await SignInAs("ellen.wood");
        await looking.GotoAsync("/library/moderation");
        await Accessible(looking, "library-moderation");
        await looking.GotoAsync(searchUrl);
        await Expect(looking.Locator(".app-result", new() { HasText = title }).Locator("mark").First).ToBeVisibleAsync();
        await Accessible(looking, "library-search");
        await looking.GotoAsync(entryUrl);
        await Accessible(looking, "library-entry");
    }

    [Fact]
    public async Task Without_javascript_good_practice_is_previewed_and_sent_and_a_missing_title_is_named()
    {
        var title = $"Falls clinic in the community {Guid.NewGuid():N}"[..44];
        var author = await SignInAs("lucy.hart", javaScript: false);
        await author.GotoAsync("/library/submit");
        await author.GetByLabel("Summary").FillAsync("A falls clinic run by physiotherapists in the community hub.");
        await Button(author, "Preview").ClickAsync();
        await ShowsErrorFor(author, "form-title");
        await author.GetByLabel("Title").FillAsync(title);
        await author.GetByLabel("What was done").FillAsync("Strength and balance classes twice a week.");
        await Button(author, "Preview").ClickAsync();
        await Expect(author.Locator(".app-preview")).ToContainTextAsync("Strength and balance classes twice a week.");
        await Button(author, "Send to the editors").ClickAsync();
        await Expect(author.Locator(".nhsuk-notification-banner")).ToContainTextAsync("your entry is with the library's editors");
        await Expect(author.Locator("h1")).ToHaveTextAsync(title);
    }

    [Fact]
    public async Task A_chair_drafts_the_case_study_from_the_review_page_and_publishes_it_for_other_groups()
    {
        var guidance = $"NG{Random.Shared.Next(5000, 5999)}";
        var reviewId = await Given.Decided(guidance);
        var chair = await SignInAs("amara.okafor");
        await chair.GotoAsync($"/reviews/{reviewId}");
        await Expect(chair.Locator("main")).ToContainTextAsync($"No other group has published a case study of {guidance} yet");
        await Button(chair, "Draft a case study").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The case study is drafted");
        await Expect(chair.Locator("main")).ToContainTextAsync("Decision and rationale");
        await Accessible(chair, "library-case-study-draft");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Change this draft" }).ClickAsync();
        await Accessible(chair, "library-case-study-edit");
        await chair.GetByLabel("Title").FillAsync($"{guidance} in Riverside: what we did");
        await Button(chair, "Save the changes").ClickAsync();
        await Button(chair, "Publish to the library").ClickAsync();
        await Expect(chair.Locator(".nhsuk-notification-banner")).ToContainTextAsync("The case study is published");
        await Expect(chair.Locator("h1")).ToHaveTextAsync($"{guidance} in Riverside: what we did");

        var other = await SignInAs("margaret.ellis");
        await other.GotoAsync($"/library?guidance={guidance}");
        await Expect(other.Locator(".app-result")).ToHaveCountAsync(1);
        await Accessible(other, "library-by-guidance");
    }

    [Fact]
    public async Task Markup_typed_into_an_entry_is_shown_as_text_on_its_page_and_in_search_snippets_never_run()
    {
        var typed = $"<script>window.hacked = 1</script><b>bold</b> <mark>marked</mark> & \"quoted\" {Guid.NewGuid():N}"[..90];
        using var author = Fixture.App.Client();
        author.DefaultRequestHeaders.Add("X-Dev-User", "sunil.mehta");
        var submitted = await author.PostAsJsonAsync("/api/library/entries", new
        {
            title = typed, summary = typed, sections = new[] { new { heading = "What was done", text = $"Oximetry at home. {typed}" } },
            guidance = new[] { "NG115" }, sectors = new[] { "Community" }, region = "London", costBand = "Under10k",
        });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var editor = Fixture.App.Client();
        editor.DefaultRequestHeaders.Add("X-Dev-User", "ellen.wood");
        (await editor.PostAsJsonAsync($"/api/library/entries/{id}/moderation", new { outcome = "Approve" })).EnsureSuccessStatusCode();

        var reader = await SignInAs("margaret.ellis");
        var dialogs = 0;
        reader.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await reader.GotoAsync($"/library/entries/{id}");
        await Expect(reader.Locator("h1")).ToHaveTextAsync(typed);
        await Expect(reader.Locator("main")).ToContainTextAsync($"Oximetry at home. {typed}");
        Assert.Equal(0, await reader.Locator("main b").CountAsync());

        // In a snippet the searched words are marked by the page; a <mark> someone typed stays text.
        await reader.GotoAsync($"/library?q={Uri.EscapeDataString("oximetry marked")}");
        var hit = reader.Locator(".app-result", new() { HasText = typed });
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit.Locator(".app-snippet")).ToContainTextAsync("<mark>");
        Assert.Equal(0, await hit.Locator("b, script").CountAsync());
        Assert.Null(await reader.EvaluateAsync<int?>("window.hacked"));
        Assert.Equal(0, dialogs);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using GuidanceFlow.Api.Tests;
using Microsoft.Playwright;

namespace GuidanceFlow.Web.Tests;

/// <summary>What every browser test does: sign in as a demo user, check a page with axe, save its screenshot.</summary>
[Collection(BrowserCollection.Name)]
public abstract partial class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserFixture Fixture => fixture;
    protected Given Given => new(fixture.App);

    public Task InitializeAsync()
    {
        // Playwright's expectations give up after 5 s by default; a loaded machine can take longer to render.
        Assertions.SetDefaultExpectTimeout(30_000);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
    }

    /// <summary>A fresh browser session signed in through the sign-in page as one of the demo users.</summary>
    protected async Task<IPage> SignInAs(string userId, bool javaScript = true)
    {
        var page = await NewPage(javaScript);
        await page.GotoAsync("/sign-in");
        await page.Locator($"input[name=userId][value='{userId}']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Wait for what matters — the browser on the next page and its main content shown — never for a load
        // event: on a busy machine the redirected page's load event was seen to take longer than any fair limit,
        // and WaitForURL waits for that event when the address has already changed. The assertion polls the address.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"), new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("main")).ToBeVisibleAsync();
        return page;
    }

    protected async Task<IPage> NewPage(bool javaScript = true) => await NewPage(fixture.App.Address, javaScript);

    protected async Task<IPage> NewPage(Uri app, bool javaScript = true)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        // Generous limits for a busy machine: each wait still ends as soon as its condition holds.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>axe with the WCAG 2.0/2.1/2.2 A and AA rules finds nothing; the page is saved as a screenshot.</summary>
    protected async Task Accessible(IPage page, string name)
    {
        // The page's stylesheet applied first: on a loaded machine axe once ran before it was and measured unstyled links
        // (target-size). Arial is in the NHS font stack only once the stylesheet applies; the browser's default is a serif.
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).fontFamily.toLowerCase().includes('arial')");
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        var problems = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => "  " + n.Target + " " + n.Html)));
        Assert.True(result.Violations.Length == 0, $"axe found on {name} ({page.Url}):\n{string.Join("\n", problems)}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, $"{name}.png"), FullPage = true });
    }

    /// <summary>The error summary lists <paramref name="message"/> and it links to a field that shows it inline too.</summary>
    protected static async Task ShowsError(IPage page, string message)
    {
        var summary = page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        var link = summary.Locator("a", new() { HasText = message });
        await Assertions.Expect(link).ToHaveCountAsync(1);
        var target = (await link.GetAttributeAsync("href"))!;
        await Assertions.Expect(page.Locator(target)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".nhsuk-error-message", new() { HasText = message }).First).ToBeVisibleAsync();
    }

    /// <summary>
    /// The field with id <paramref name="fieldId"/> is in error: the summary links to it, it sits in a
    /// form group marked as an error, and that group shows the message. Returns the message.
    /// </summary>
    protected static async Task<string> ShowsErrorFor(IPage page, string fieldId)
    {
        var link = page.Locator($".nhsuk-error-summary a[href='#{fieldId}']");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        var message = (await link.InnerTextAsync()).Trim();
        var group = page.Locator(".nhsuk-form-group--error", new() { Has = page.Locator($"#{fieldId}") }).Last;
        await Assertions.Expect(group.Locator(".nhsuk-error-message").First).ToContainTextAsync(message);
        return message;
    }

    /// <summary>Opens the nth "Current practice, barriers…" details of the response form, if it is closed.</summary>
    protected static async Task OpenDetails(IPage page, int nth)
    {
        var details = page.Locator("details.nhsuk-details").Nth(nth);
        if (await details.GetAttributeAsync("open") is null) await details.Locator("summary").ClickAsync();
        await Assertions.Expect(details).ToHaveAttributeAsync("open", "");
    }

    protected static Guid ReviewIdIn(string url) => Guid.Parse(ReviewUrl().Match(url).Groups[1].Value);

    protected static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The review's stream version as the API tells it (development sign-in by header).</summary>
    protected async Task<long> VersionOf(Guid reviewId)
    {
        using var client = fixture.App.Client();
        client.DefaultRequestHeaders.Add("X-Dev-User", "amara.okafor");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/reviews/{reviewId}");
        return view.GetProperty("version").GetInt64();
    }

    /// <summary>Async views catch up a moment after a write: reload until the page shows <paramref name="text"/>.</summary>
    protected static Task ReloadUntil(IPage page, string text) => ReloadUntil(page, content => content.Contains(text), $"'{text}'");

    protected static async Task ReloadUntil(IPage page, Func<string, bool> done, string what)
    {
        await Wait.Until(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("main").InnerTextAsync();
        }, done, $"{what} on {page.Url}");
    }

    [GeneratedRegex(@"/reviews/([0-9a-f-]{36})")]
    private static partial Regex ReviewUrl();
}

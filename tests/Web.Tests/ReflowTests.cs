using Microsoft.Playwright;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// WCAG 1.4.10 reflow: every page fits a 320 px screen without scrolling sideways, tables included, and the
/// wide tables fit a 1280 px desktop without cutting a column. On the way, no page asks another host for
/// anything (the NHS web font once was, and the content security policy blocked it) or logs an error.
/// </summary>
public sealed class ReflowTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task<int> PageWidth(IPage page) => await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

    private readonly List<string> _problems = [];

    private readonly HashSet<IPage> _watched = [];

    private void Watch(IPage page)
    {
        if (!_watched.Add(page)) return;
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != Fixture.App.Address.Authority)
                _problems.Add($"{page.Url} asked another host for {request.Url}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _problems.Add($"{page.Url} logged an error: {message.Text}");
        };
    }

    private async Task Fits(IPage page, string path, int width)
    {
        Watch(page);
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        var actual = await PageWidth(page);
        if (actual > width)
        {
            // Name what sticks out, so a failure says where to look.
            var wide = await page.EvaluateAsync<string[]>(@"w => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > w + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
                .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.innerText ?? '').slice(0, 40))", width);
            _problems.Add($"{path} is {actual} px wide on a {width} px screen: {string.Join(" | ", wide)}");
            return;
        }
        // No table cut inside its own box either: a table may scroll only inside a container made for it
        // (the compliance matrix, two-dimensional, scrolls in a focusable region as WCAG 1.4.10 allows).
        var cut = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main table')].filter(t => !t.closest('.app-table-scroll'))
            .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(t => (t.querySelector('caption')?.innerText ?? t.className).slice(0, 60))");
        var name = $"{width}px{System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-f]{8}-[0-9a-f-]{27}", "id").Replace('/', '-').Replace("%20", "-")}";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Fixture.Screenshots, $"{name}.png"), FullPage = true });
        if (cut.Length > 0) _problems.Add($"{path} on a {width} px screen has tables past its edge: {string.Join("; ", cut)}");
    }

    [Fact]
    public async Task Every_page_fits_a_320_pixel_screen_for_each_kind_of_user()
    {
        var decided = await Given.Decided("NG990");
        var project = await Given.MeasuredProject();
        var measure = (await Given.ProjectOf(project)).Measures[0].Id;
        var awaiting = await Given.AwaitingResponses("NG991");
        var review = $"/reviews/{decided}";

        var chair = await SignInAs("amara.okafor");
        await chair.SetViewportSizeAsync(320, 800);
        await ReloadUntil(chair, "NG990");
        foreach (var path in new[]
                 {
                     "/", "/register", "/decisions", "/finance", "/inbox", "/reviews/new", $"/groups/{Uri.EscapeDataString(Given.Group)}", "/docs",
                     review, $"{review}/grid", $"{review}/stakeholders", $"{review}/window", $"{review}/meeting", $"{review}/financial-impact",
                     $"{review}/decision", $"{review}/shared", $"{review}/timeline", $"{review}/close", $"{review}/matrix",
                     $"/reviews/{awaiting}", $"/reviews/{awaiting}/grid", $"/reviews/{awaiting}/window", $"/reviews/{awaiting}/stakeholders",
                     "/library", "/library?q=inhaler+checks&sort=Newest", "/library/submit", "/library/mine", "/library/following",
                     "/benchmarking", $"/benchmarking/groups/{Uri.EscapeDataString(Given.Group)}", "/benchmarking/guidance/NG990",
                     "/projects", $"/projects/start?group={Uri.EscapeDataString(Given.Group)}", $"/projects/{project}",
                     $"/projects/{project}/measures/{measure}", $"/projects/{project}/team", $"{review}/actions", $"{review}/reassessment",
                 })
            await Fits(chair, path, 320);

        var stakeholder = await SignInAs("tom.hadley");
        await stakeholder.SetViewportSizeAsync(320, 800);
        foreach (var path in new[] { "/", "/inbox", $"/reviews/{awaiting}/respond", $"/reviews/{awaiting}/respond/receipt", $"/reviews/{awaiting}/delegate",
                     $"/reviews/{awaiting}", $"{review}/shared", $"/reviews/{awaiting}/matrix" })
            await Fits(stakeholder, path, 320);

        var commissioner = await SignInAs("rachel.stone");
        await commissioner.SetViewportSizeAsync(320, 800);
        foreach (var path in new[] { "/", "/register", "/decisions", review, $"{review}/shared", $"{review}/timeline", $"{review}/matrix" })
            await Fits(commissioner, path, 320);

        var costing = await Given.CollatedWithEstimates("NG986");
        var finance = await SignInAs("mark.fenwick");
        await finance.SetViewportSizeAsync(320, 800);
        foreach (var path in new[] { "/", "/finance", $"{review}/financial-impact", $"/reviews/{costing}/financial-impact" })
            await Fits(finance, path, 320);

        var networkAdmin = await SignInAs("nadia.khan");
        await networkAdmin.SetViewportSizeAsync(320, 800);
        foreach (var path in new[] { "/benchmarking", "/benchmarking/networks/LIN-DEMO", "/benchmarking/regions/Y63", "/benchmarking/structure" })
            await Fits(networkAdmin, path, 320);

        var editor = await SignInAs("ellen.wood");
        await editor.SetViewportSizeAsync(320, 800);
        foreach (var path in new[] { "/library", "/library/moderation", "/library/following" })
            await Fits(editor, path, 320);

        var signedOut = await NewPage();
        await signedOut.SetViewportSizeAsync(320, 800);
        await Fits(signedOut, "/sign-in", 320);
        // The NHS font stack still applies without the web font: Frutiger where installed, else Arial — never the browser's serif.
        var family = await signedOut.EvaluateAsync<string>("getComputedStyle(document.body).fontFamily");
        Assert.Contains("arial", family, StringComparison.OrdinalIgnoreCase);
        Assert.True(_problems.Count == 0, string.Join("\n", _problems));
    }

    [Fact]
    public async Task The_register_and_decisions_fit_a_1280_pixel_desktop_with_every_column_whole()
    {
        await Given.Decided("NG992");
        var commissioner = await SignInAs("rachel.stone");
        await commissioner.GotoAsync("/decisions");
        await ReloadUntil(commissioner, "NG992");
        foreach (var path in new[] { "/register", "/decisions", "/finance" })
        {
            await Fits(commissioner, path, 1280);
            // A date reads on one line (it wrapped onto five when the table was squeezed).
            var tall = await commissioner.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main td time, main td.gf-date')]
                .filter(e => e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).lineHeight || 24))
                .map(e => e.innerText)");
            if (tall.Length > 0) _problems.Add($"{path}: dates wrapped over several lines: {string.Join(", ", tall)}");
        }
        Assert.True(_problems.Count == 0, string.Join("\n", _problems));
    }
}

using GuidanceFlow.Api.Infrastructure;
using GuidanceFlow.Api.Tests;
using Microsoft.Playwright;

namespace GuidanceFlow.Web.Tests;

/// <summary>
/// GuidanceFlow as a user meets it: the app in its own process on a real Kestrel port, on a
/// throwaway PostgreSQL cluster, driven by Debian's Chromium through Playwright. No browser is
/// ever downloaded: Playwright is pointed at /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public LocalPostgres Postgres { get; private set; } = null!;
    public AppProcess App { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: apt-get install chromium (.ci/run does this).");
        Directory.CreateDirectory(Screenshots);
        Postgres = await LocalPostgres.StartThrowawayAsync();
        ConnectionString = await TestDatabase.CreateAsync(Postgres.ConnectionString);
        var mail = Path.Combine(Path.GetTempPath(), "guidanceflow-web-mail-" + Guid.NewGuid().ToString("N")[..8]);
        App = await AppProcess.StartAsync(ConnectionString, smtp: null, pickupDirectory: mail,
            extraEnvironment: new() { ["RateLimits__WritesPerMinute"] = "100000" });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As the machine's own check runs it: no sandbox as root, and no calls out to Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

using System.Collections.Concurrent;
using GuidanceFlow.Workflows.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A NICE syndication API of our own on Kestrel (a free loopback port), serving documents we wrote in its
/// shape: the current-guidance index lists <see cref="Documents"/>; each product's document is its fixture.
/// It checks the API-Key and Accept headers as NICE does, and can be told to answer statuses first.
/// </summary>
public sealed class FakeNice : IAsyncDisposable
{
    public const string Key = "test-licence-key";
    private readonly WebApplication _app;

    /// <summary>Guidance number → fixture file (in Fixtures/Nice), or null for a product NICE lists but has no document for.</summary>
    public Dictionary<string, string?> Documents { get; } = new()
    {
        ["NG9001"] = "ng9001-v1.json", ["TA9002"] = "ta9002.json",
    };

    /// <summary>Statuses to answer, in turn, before answering normally.</summary>
    public ConcurrentQueue<int> Plan { get; } = new();
    public ConcurrentBag<string> Seen { get; } = [];
    public string Address { get; private set; } = "";

    private FakeNice(WebApplication app) => _app = app;

    public static async Task<FakeNice> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var nice = new FakeNice(builder.Build());
        nice._app.Use(async (context, next) =>
        {
            nice.Seen.Add(context.Request.Path);
            if (context.Request.Headers[NiceSyndicationClient.KeyHeader] != Key) { context.Response.StatusCode = 401; return; }
            if (!context.Request.Headers.Accept.ToString().Contains("application/json")) { context.Response.StatusCode = 406; return; }
            if (nice.Plan.TryDequeue(out var status))
            {
                context.Response.StatusCode = status;
                if (status == 429) context.Response.Headers.RetryAfter = "0";
                return;
            }
            await next(context);
        });
        nice._app.MapGet("/services/guidance/index/current", () => Results.Json(new
        {
            IndexItems = nice.Documents.Keys.Select(n => new { GuidanceNumber = n, Title = $"Product {n}", GuidanceProgramme = "test" }),
        }, new System.Text.Json.JsonSerializerOptions())); // NICE's names as they are: PascalCase
        nice._app.MapGet("/services/guidance/structured-documents/{number}", (string number) =>
            nice.Documents.GetValueOrDefault(number.ToUpperInvariant()) is { } file
                ? Results.Text(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", file)), "application/json")
                : Results.NotFound());
        await nice._app.StartAsync();
        nice.Address = nice._app.Urls.First();
        return nice;
    }

    /// <summary>A client for this fake NICE, with retries that wait milliseconds rather than seconds.</summary>
    public NiceSyndicationClient Client(string? key = Key, string? baseUrl = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nice:BaseUrl"] = baseUrl ?? Address, ["Nice:ApiKey"] = key, ["Nice:Retries"] = "3", ["Nice:FirstRetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        NiceSyndicationClient.Register(services, configuration);
        return services.BuildServiceProvider().GetRequiredService<NiceSyndicationClient>();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

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
/// The client for NICE's syndication API against a fake NICE of our own (Kestrel on a free port) serving
/// our fixtures: the key and Accept header sent, what is retried and what is not.
/// </summary>
public sealed class NiceSyndicationClientTests : IAsyncLifetime
{
    private const string Key = "test-licence-key";
    private WebApplication _nice = null!;
    private string _address = "";
    private readonly ConcurrentQueue<int> _plan = new(); // statuses to answer before a normal answer
    private readonly ConcurrentBag<string> _seen = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _nice = builder.Build();
        _nice.Use(async (context, next) =>
        {
            _seen.Add(context.Request.Path);
            if (context.Request.Headers[NiceSyndicationClient.KeyHeader] != Key) { context.Response.StatusCode = 401; return; }
            if (!context.Request.Headers.Accept.ToString().Contains("application/json")) { context.Response.StatusCode = 406; return; }
            if (_plan.TryDequeue(out var status))
            {
                context.Response.StatusCode = status;
                if (status == 429) context.Response.Headers.RetryAfter = "0";
                return;
            }
            await next(context);
        });
        _nice.MapGet("/services/guidance/index/current", () => Results.Text(
            """
            {"IndexItems": [{"GuidanceNumber": "ng9001", "Title": "Hydration in care homes", "GuidanceProgramme": "NICE guideline"},
                            {"GuidanceNumber": "TA9002", "Title": "Examplumab for a fictional condition"}]}
            """, "application/json"));
        _nice.MapGet("/services/guidance/structured-documents/{number}", (string number) =>
        {
            var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Nice", number.ToLowerInvariant() switch
            {
                "ng9001" => "ng9001-v1.json",
                "ta9002" => "ta9002.json",
                _ => "missing",
            });
            return File.Exists(file) ? Results.Text(File.ReadAllText(file), "application/json") : Results.NotFound();
        });
        await _nice.StartAsync();
        _address = _nice.Urls.First();
    }

    public async Task DisposeAsync() => await _nice.DisposeAsync();

    private NiceSyndicationClient Client(string? key = Key, string? baseUrl = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nice:BaseUrl"] = baseUrl ?? _address, ["Nice:ApiKey"] = key, ["Nice:Retries"] = "3", ["Nice:FirstRetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        NiceSyndicationClient.Register(services, configuration);
        return services.BuildServiceProvider().GetRequiredService<NiceSyndicationClient>();
    }

    [Fact]
    public async Task The_index_and_a_document_come_with_the_key_and_in_json()
    {
        var index = await Client().CurrentIndexAsync(default);
        Assert.Null(index.Fault);
        Assert.Equal(["NG9001", "TA9002"], index.Value!.Select(e => e.GuidanceNumber));

        var document = await Client().DocumentAsync("ng9001", default);
        Assert.True(NiceDocuments.Parse(document.Value!).IsUsable);
    }

    [Fact]
    public async Task A_refused_key_is_reported_and_not_retried()
    {
        var fetch = await Client(key: "wrong").DocumentAsync("NG9001", default);
        Assert.Equal(NiceFaultKind.KeyRefused, fetch.Fault!.Kind);
        Assert.Contains("Nice__ApiKey", fetch.Fault.Message);
        Assert.Single(_seen);
    }

    [Fact]
    public async Task Too_many_requests_and_server_errors_are_retried_until_nice_answers()
    {
        foreach (var status in new[] { 429, 500, 503 }) _plan.Enqueue(status);
        var fetch = await Client().DocumentAsync("TA9002", default);
        Assert.Null(fetch.Fault);
        Assert.Equal(4, _seen.Count);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_gives_a_fault_after_the_retries()
    {
        for (var i = 0; i < 10; i++) _plan.Enqueue(500);
        var fetch = await Client().CurrentIndexAsync(default);
        Assert.Equal(NiceFaultKind.Unavailable, fetch.Fault!.Kind);
        Assert.Equal("NICE answered 500 for the current-guidance index, after 3 retries; the next import will try again.", fetch.Fault.Message);
        Assert.Equal(4, _seen.Count);
    }

    [Fact]
    public async Task An_unknown_product_and_an_unreachable_nice_are_faults_in_words()
    {
        Assert.Equal(NiceFaultKind.NotFound, (await Client().DocumentAsync("NG1", default)).Fault!.Kind);
        var nowhere = await Client(baseUrl: $"http://127.0.0.1:{Ports.Free()}").CurrentIndexAsync(default);
        Assert.Equal(NiceFaultKind.Unavailable, nowhere.Fault!.Kind);
    }

    [Fact]
    public async Task Without_a_key_import_is_off_and_nothing_is_asked()
    {
        var fetch = await Client(key: null).CurrentIndexAsync(default);
        Assert.Equal(NiceFaultKind.ImportOff, fetch.Fault!.Kind);
        Assert.Empty(_seen);
    }
}

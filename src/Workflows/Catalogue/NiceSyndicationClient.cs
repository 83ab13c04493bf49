using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace GuidanceFlow.Workflows.Catalogue;

/// <summary>
/// Where NICE's syndication API is and the licence key for it (Nice__BaseUrl, Nice__ApiKey; never
/// committed). Without both, import is off and the catalogue is filled by hand or by upload.
/// </summary>
public sealed class NiceSettings
{
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The current-guidance index, relative to the base URL.</summary>
    public string IndexPath { get; set; } = "/services/guidance/index/current";
    /// <summary>One product's structured document; {0} is its guidance number.</summary>
    public string DocumentPath { get; set; } = "/services/guidance/structured-documents/{0}";
    /// <summary>Attempts after the first for 429, 408 and 5xx answers (and lost connections), with growing waits.</summary>
    public int Retries { get; set; } = 4;
    /// <summary>What the retry policy uses: at least one retry.</summary>
    public int RetryAttempts => Math.Max(Retries, 1);
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When the scheduled import runs (Quartz cron, UK time): 06:00 every day.</summary>
    public const string DefaultImportCron = "0 0 6 * * ?";
    public string ImportCron { get; set; } = DefaultImportCron;

    public bool ImportEnabled => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>One entry of NICE's current-guidance index.</summary>
public sealed record NiceIndexEntry(string GuidanceNumber, string Title, string? GuidanceProgramme);

public enum NiceFaultKind { ImportOff, KeyRefused, NotFound, Unavailable, Malformed }

/// <summary>Why a call to NICE gave nothing usable, in words an admin can act on.</summary>
public sealed record NiceFault(NiceFaultKind Kind, string Message);

/// <summary>What a call to NICE gave: its value, or the fault.</summary>
public sealed record NiceFetch<T>(T? Value, NiceFault? Fault) where T : class
{
    public static NiceFetch<T> Got(T value) => new(value, null);
    public static NiceFetch<T> Failed(NiceFaultKind kind, string message) => new(null, new NiceFault(kind, message));
}

/// <summary>
/// NICE's syndication API as documented: the key in an <c>API-Key</c> header, JSON asked for by
/// <c>Accept</c>. Answers that may pass (429, 408, 5xx, a lost connection) are retried with growing waits,
/// honouring Retry-After (the resilience handler registered with it); a refused key (401/403) is not.
/// Nothing here throws for what NICE answers: every outcome is a value or a <see cref="NiceFault"/>.
/// </summary>
public sealed class NiceSyndicationClient(HttpClient http, IOptions<NiceSettings> options)
{
    public const string KeyHeader = "API-Key";

    public async Task<NiceFetch<IReadOnlyList<NiceIndexEntry>>> CurrentIndexAsync(CancellationToken ct)
    {
        var (body, fault) = await GetAsync(options.Value.IndexPath, "the current-guidance index", ct);
        if (fault is not null) return new(null, fault);
        try
        {
            using var json = JsonDocument.Parse(body!);
            var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement
                : json.RootElement.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array);
            if (items.ValueKind != JsonValueKind.Array)
                return NiceFetch<IReadOnlyList<NiceIndexEntry>>.Failed(NiceFaultKind.Malformed, "The current-guidance index holds no list of guidance.");
            var entries = new List<NiceIndexEntry>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Text(item, "GuidanceNumber") is { } number)
                    entries.Add(new NiceIndexEntry(number.Trim().ToUpperInvariant(), Text(item, "Title") ?? number, Text(item, "GuidanceProgramme")));
            }
            return NiceFetch<IReadOnlyList<NiceIndexEntry>>.Got(entries);
        }
        catch (JsonException e)
        {
            return NiceFetch<IReadOnlyList<NiceIndexEntry>>.Failed(NiceFaultKind.Malformed, $"The current-guidance index is not valid JSON: {e.Message}");
        }
    }

    /// <summary>A product's structured document as NICE sent it, for <see cref="NiceDocuments.Parse"/>.</summary>
    public async Task<NiceFetch<string>> DocumentAsync(string guidanceNumber, CancellationToken ct)
    {
        var (body, fault) = await GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, options.Value.DocumentPath,
            Uri.EscapeDataString(guidanceNumber.Trim().ToUpperInvariant())), $"the structured document of {guidanceNumber}", ct);
        return fault is null ? NiceFetch<string>.Got(body!) : new(null, fault);
    }

    private async Task<(string? Body, NiceFault? Fault)> GetAsync(string path, string what, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.ImportEnabled)
            return (null, new(NiceFaultKind.ImportOff, "Import from NICE is off: set Nice__BaseUrl and Nice__ApiKey to turn it on."));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(settings.BaseUrl!), path));
        request.Headers.Add(KeyHeader, settings.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, new(NiceFaultKind.Unavailable, $"NICE could not be reached for {what}: {e.Message}"));
        }
        using (response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.OK => (await response.Content.ReadAsStringAsync(ct), null),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    (null, new(NiceFaultKind.KeyRefused, $"NICE refused the API key ({(int)response.StatusCode}) when asked for {what}: check Nice__ApiKey and the licence.")),
                HttpStatusCode.NotFound => (null, new(NiceFaultKind.NotFound, $"NICE has no {what} (404).")),
                var status => (null, new(NiceFaultKind.Unavailable,
                    $"NICE answered {(int)status} for {what}, after {settings.RetryAttempts} retries; the next import will try again.")),
            };
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    /// <summary>The client with its retries: 429, 408 and 5xx answers and lost connections, growing waits with jitter, Retry-After honoured.</summary>
    public static IHttpClientBuilder Register(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NiceSettings>(configuration.GetSection("Nice"));
        var builder = services.AddHttpClient<NiceSyndicationClient>(c => c.Timeout = TimeSpan.FromMinutes(2));
        builder.AddResilienceHandler("nice", (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<NiceSettings>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.RetryAttempts,
                Delay = settings.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            });
        });
        return builder;
    }
}

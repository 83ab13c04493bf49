using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GuidanceFlow.Api.Webhooks;

/// <summary>
/// Sends what the fan-out owes, on every instance: each claims due deliveries with SKIP LOCKED (so no two send the
/// same one at once), posts each signed, and records the attempt. A failure (no 2xx, an error, no answer within the
/// timeout) is tried again after 30 s, then twice as long each time up to an hour; still failing 24 hours after the
/// event, the delivery is parked with its last error for the group's admins to see and retry. A delivery whose
/// sender died mid-attempt is claimed again once its claim runs out: at least once, never lost.
/// </summary>
public sealed class WebhookSender(NpgsqlDataSource database, IDocumentStore store, IHttpClientFactory http,
    IOptions<WebhookSettings> settings, TimeProvider clock, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string Client = "webhooks";
    private const int Batch = 20;

    private string Schema => store.Options.DatabaseSchemaName;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await SendDueAsync(stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // The database away or restarting: try again on the next round; nothing claimed is lost (claims expire).
                logger.LogWarning(e, "Webhook deliveries could not be claimed; trying again shortly");
            }
            if (sent < Batch)
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.Value.PollMilliseconds), clock, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
        }
    }

    private sealed record Due(Guid Id, Guid SubscriptionId, Guid EventId, byte[] Body, int Attempts, DateTimeOffset CreatedAt);

    /// <summary>Claims and sends one batch of due deliveries; how many it sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var options = settings.Value;
        var now = clock.GetUtcNow();
        var due = new List<Due>();
        await using (var claim = database.CreateCommand(
            $"update {Schema}.{WebhookTables.Deliveries} set claimed_until = $1 where id in (" +
            $"select id from {Schema}.{WebhookTables.Deliveries} where status = 'Pending' and next_attempt_at <= $2 " +
            "and (claimed_until is null or claimed_until < $2) order by next_attempt_at limit $3 for update skip locked) " +
            "returning id, subscription_id, event_id, body, attempts, created_at"))
        {
            claim.Parameters.AddWithValue(now + TimeSpan.FromSeconds(options.TimeoutSeconds * 3));
            claim.Parameters.AddWithValue(now);
            claim.Parameters.AddWithValue(Batch);
            await using var rows = await claim.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                due.Add(new Due(rows.GetGuid(0), rows.GetGuid(1), rows.GetGuid(2), (byte[])rows[3], rows.GetInt32(4),
                    rows.GetFieldValue<DateTimeOffset>(5)));
        }
        if (due.Count == 0) return 0;

        await using var session = store.QuerySession();
        var subscriptions = (await session.LoadManyAsync<WebhookSubscription>(ct, due.Select(d => d.SubscriptionId).Distinct()))
            .ToDictionary(s => s.Id);
        await Task.WhenAll(due.Select(d => DeliverAsync(d, subscriptions.GetValueOrDefault(d.SubscriptionId), ct)));
        return due.Count;
    }

    private async Task DeliverAsync(Due delivery, WebhookSubscription? subscription, CancellationToken ct)
    {
        var options = settings.Value;
        if (subscription is not { Active: true })
        {
            await FinishAsync(delivery, "Cancelled", null, "The subscription was ended before this was delivered.", 0, ct);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? error = null;
        try
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new ByteArrayContent(delivery.Body),
            };
            request.Content.Headers.ContentType = new("application/cloudevents+json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.IdHeader, delivery.EventId.ToString());
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, timestamp, delivery.Body));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
            using var response = await http.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"The receiver answered {status} {response.ReasonPhrase}.";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"The receiver did not answer within {options.TimeoutSeconds:0.#} seconds.";
        }
        catch (HttpRequestException e)
        {
            error = $"The receiver could not be reached: {e.Message}";
        }
        var took = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (error is null)
        {
            await FinishAsync(delivery, "Delivered", status, null, took, ct);
            return;
        }
        var now = clock.GetUtcNow();
        var wait = TimeSpan.FromSeconds(Math.Min(options.FirstRetrySeconds * Math.Pow(2, delivery.Attempts), options.MaxRetrySeconds));
        if (now + wait > delivery.CreatedAt + TimeSpan.FromSeconds(options.GiveUpAfterSeconds))
            await FinishAsync(delivery, "Parked", status, error, took, ct);
        else
            await RecordAsync(delivery, "Pending", status, error, took, now + wait, ct);
    }

    private Task FinishAsync(Due delivery, string outcome, int? status, string? error, int took, CancellationToken ct) =>
        RecordAsync(delivery, outcome, status, error, took, null, ct);

    /// <summary>The attempt, and the delivery's new state, in one transaction.</summary>
    private async Task RecordAsync(Due delivery, string outcome, int? status, string? error, int took, DateTimeOffset? next,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = database.CreateBatch();
        var attempt = new NpgsqlBatchCommand(
            $"insert into {Schema}.{WebhookTables.Attempts} (delivery_id, attempt, at, status_code, error, duration_ms) values ($1, $2, $3, $4, $5, $6)");
        attempt.Parameters.AddWithValue(delivery.Id);
        attempt.Parameters.AddWithValue(delivery.Attempts + 1);
        attempt.Parameters.AddWithValue(now);
        attempt.Parameters.AddWithValue((object?)status ?? DBNull.Value);
        attempt.Parameters.AddWithValue((object?)error ?? DBNull.Value);
        attempt.Parameters.AddWithValue(took);
        var update = new NpgsqlBatchCommand(
            $"update {Schema}.{WebhookTables.Deliveries} set status = $2, attempts = attempts + 1, claimed_until = null, " +
            "last_status_code = $3, last_error = $4, next_attempt_at = coalesce($5, next_attempt_at), " +
            "finished_at = case when $2 = 'Pending' then null else $6 end where id = $1");
        update.Parameters.AddWithValue(delivery.Id);
        update.Parameters.AddWithValue(outcome);
        update.Parameters.AddWithValue((object?)status ?? DBNull.Value);
        update.Parameters.AddWithValue((object?)error ?? DBNull.Value);
        update.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)next ?? DBNull.Value);
        update.Parameters.AddWithValue(now);
        batch.BatchCommands.Add(attempt);
        batch.BatchCommands.Add(update);
        await batch.ExecuteNonQueryAsync(ct);
        WebhookMetrics.Attempted(outcome, error is null);
        if (error is not null)
            logger.LogInformation("Webhook delivery {Delivery} of event {Event}: {Outcome} after attempt {Attempt}: {Error}",
                delivery.Id, delivery.EventId, outcome, delivery.Attempts + 1, error);
    }

    /// <summary>
    /// How the webhook client connects: unless private networks are allowed (a developer's machine, the tests), a
    /// receiver whose name resolves to a loopback, private, link-local or unspecified address is refused at connect
    /// time — whatever the URL said when it was checked, and after any DNS change — so no subscription can reach
    /// inside the network GuidanceFlow runs in. Redirects are not followed.
    /// </summary>
    public static SocketsHttpHandler Handler(WebhookSettings settings) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = addresses.Where(a => settings.AllowPrivateNetworks || !WebhookAddresses.IsInternal(a)).ToArray();
            if (allowed.Length == 0)
                throw new HttpRequestException($"{context.DnsEndPoint.Host} is on a private or loopback network, which webhooks may not reach.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

public static class WebhookAddresses
{
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
               || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] == 0;
    }
}

using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Webhooks;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GuidanceFlow.Api.Endpoints;

public sealed record CreateWebhookRequest(string Url, string? Secret = null);

public sealed record WebhookView(Guid Id, string Group, string Url, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? EndedAt,
    string? EndedBy, int Pending, int Parked, DateTimeOffset? LastDeliveredAt, string? LastError);

/// <summary>A new subscription, with its secret: shown this once, never again.</summary>
public sealed record CreatedWebhook(WebhookView Webhook, string Secret);

public sealed record WebhookAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

public sealed record WebhookDelivery(Guid Id, Guid EventId, string EventType, long Sequence, string Status, int Attempts,
    DateTimeOffset? NextAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? FinishedAt, IReadOnlyList<WebhookAttempt> History);

/// <summary>A page of deliveries, newest event first; `before` for the next page (null at the end).</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Items, long? Before);

public enum DeliveryStatus { Pending, Delivered, Parked, Cancelled }

public static class WebhookEndpoints
{
    public const int MaxPerGroup = 10;

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/groups/{name}/webhooks").WithTags("Webhooks").RequireAuthorization();

        hooks.MapGet("", async (string name, Access access, IQuerySession query, NpgsqlDataSource database, CancellationToken ct) =>
            {
                if (await Refusal(name, access, ct) is { } refused) return refused;
                var subscriptions = await query.Query<WebhookSubscription>().Where(s => s.Group == name).OrderBy(s => s.CreatedAt).Take(100).ToListAsync(ct);
                var views = new List<WebhookView>();
                foreach (var s in subscriptions) views.Add(await ViewAsync(s, database, query, ct));
                return Results.Ok(views);
            })
            .WithSummary("The group's webhook subscriptions: where its events go, what is waiting or parked, the last error (group admins)")
            .Produces<List<WebhookView>>().ProducesProblem(403).ProducesProblem(404);

        hooks.MapPost("", async (string name, CreateWebhookRequest body, ClaimsPrincipal user, Access access, IDocumentSession session,
                NpgsqlDataSource database, IOptions<WebhookSettings> settings, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                if (await Refusal(name, access, ct) is { } refused) return refused;
                var errors = new Dictionary<string, string[]>();
                if (UrlProblem(body.Url, settings.Value) is { } url) errors["url"] = [url];
                if (body.Secret is { } secret && (secret.Length is < 32 or > 200 || secret.Any(c => c is < '!' or > '~')))
                    errors["secret"] = ["A secret of your own must be 32 to 200 visible ASCII characters; leave it out to have one made for you."];
                if (errors.Count > 0) return Problems.Validation(errors);
                var active = await session.Query<WebhookSubscription>().CountAsync(s => s.Group == name && s.EndedAt == null, ct);
                if (active >= MaxPerGroup)
                    return Results.Problem(statusCode: 409, title: "The group has as many webhooks as it may",
                        detail: $"A group may send its events to at most {MaxPerGroup} places: end one first.");
                var subscription = new WebhookSubscription
                {
                    Id = Guid.CreateVersion7(), Group = name, Url = body.Url, Secret = body.Secret ?? WebhookSignature.NewSecret(),
                    CreatedAt = clock.GetUtcNow(), CreatedBy = user.UserId(),
                };
                session.Store(subscription);
                await session.SaveChangesAsync(ct);
                // The one answer that carries a secret: kept by no cache, and never compressed (GuidanceFlowSetup).
                http.Response.Headers.CacheControl = "no-store";
                return Results.Created($"/api/groups/{Uri.EscapeDataString(name)}/webhooks/{subscription.Id}",
                    new CreatedWebhook(await ViewAsync(subscription, database, session, ct), subscription.Secret));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Send every event of the group's reviews to a URL, signed with a secret (shown once, in this answer). Group admins")
            .Produces<CreatedWebhook>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        hooks.MapDelete("/{id:guid}", async (string name, Guid id, ClaimsPrincipal user, Access access, IDocumentSession session,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (await Refusal(name, access, ct) is { } refused) return refused;
                var subscription = await session.LoadAsync<WebhookSubscription>(id, ct);
                if (subscription is null || subscription.Group != name) return Problems.NotFound($"{name} has no webhook {id}.");
                if (!subscription.Active) return Results.NoContent();
                subscription.EndedAt = clock.GetUtcNow();
                subscription.EndedBy = user.UserId();
                session.Store(subscription);
                await session.SaveChangesAsync(ct);
                return Results.NoContent();
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Stop sending the group's events there: what is still waiting is cancelled; the record of it is kept (group admins)")
            .Produces(204).ProducesProblem(403).ProducesProblem(404);

        hooks.MapGet("/{id:guid}/deliveries", async (string name, Guid id, DeliveryStatus? status, long? before, Access access,
                IQuerySession query, NpgsqlDataSource database, CancellationToken ct) =>
            {
                if (await Refusal(name, access, ct) is { } refused) return refused;
                var subscription = await query.LoadAsync<WebhookSubscription>(id, ct);
                if (subscription is null || subscription.Group != name) return Problems.NotFound($"{name} has no webhook {id}.");
                return Results.Ok(await DeliveriesAsync(database, query.DocumentStore.Options.DatabaseSchemaName, id, status, before, ct));
            })
            .WithMetadata(new DocumentedQuery("before", Minimum: 1))
            .WithSummary("The webhook's deliveries, newest event first (50 a page; `before` for the next): status, attempts with their answers or errors (group admins)")
            .Produces<WebhookDeliveryPage>().ProducesProblem(403).ProducesProblem(404);

        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", async (string name, Guid id, Guid deliveryId, Access access,
                IQuerySession query, NpgsqlDataSource database, TimeProvider clock, CancellationToken ct) =>
            {
                if (await Refusal(name, access, ct) is { } refused) return refused;
                var subscription = await query.LoadAsync<WebhookSubscription>(id, ct);
                if (subscription is null || subscription.Group != name) return Problems.NotFound($"{name} has no webhook {id}.");
                if (!subscription.Active) return Results.Problem(statusCode: 409, title: "The webhook has ended", detail: "An ended webhook sends nothing more.");
                var schema = query.DocumentStore.Options.DatabaseSchemaName;
                await using var retry = database.CreateCommand(
                    $"update {schema}.{WebhookTables.Deliveries} set status = 'Pending', next_attempt_at = $3, created_at = $3, finished_at = null " +
                    "where id = $1 and subscription_id = $2 and status = 'Parked'");
                retry.Parameters.AddWithValue(deliveryId);
                retry.Parameters.AddWithValue(id);
                retry.Parameters.AddWithValue(clock.GetUtcNow());
                if (await retry.ExecuteNonQueryAsync(ct) == 0)
                    return Results.Problem(statusCode: 409, title: "Only a parked delivery can be retried",
                        detail: "That delivery is not parked: it has been delivered, is still being tried, or does not belong to this webhook.");
                return Results.Accepted($"/api/groups/{Uri.EscapeDataString(name)}/webhooks/{id}/deliveries");
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Try a parked delivery again now, with a fresh 24 hours of retries (group admins)")
            .Produces(202).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<IResult?> Refusal(string name, Access access, CancellationToken ct)
    {
        var roles = await access.RolesIn(name, ct);
        if (roles.Count == 0) return Problems.NotFound($"You are not a member of an implementation group named {name}.");
        return GroupRules.MayManageWebhooks(roles) ? null : Problems.Forbidden(GroupRules.WebhooksAdminOnly);
    }

    /// <summary>Why a receiver URL is refused, or null: absolute, https (http only where allowed), no credentials, not internal.</summary>
    public static string? UrlProblem(string? url, WebhookSettings settings)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the URL to send the group's events to.";
        if (url.Length > 2000) return "The URL can be at most 2,000 characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "Enter a full https URL, such as https://risk.example.nhs.uk/guidanceflow/events.";
        if (uri.Scheme == "http" && !settings.AllowHttp) return "Use https: events are sent only over an encrypted connection.";
        if (uri.UserInfo.Length > 0) return "Leave credentials out of the URL: each delivery is signed with the webhook's secret instead.";
        if (!settings.AllowPrivateNetworks && (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && WebhookAddresses.IsInternal(ip))))
            return "The URL is on a private or loopback network, which webhooks may not reach.";
        return null;
    }

    private static async Task<WebhookView> ViewAsync(WebhookSubscription s, NpgsqlDataSource database, IQuerySession query, CancellationToken ct)
    {
        var schema = query.DocumentStore.Options.DatabaseSchemaName;
        // Bounded reads: waiting and parked ones are few; the last delivery is found by the index, not counted.
        await using var command = database.CreateCommand(
            $"select (select count(*) from {schema}.{WebhookTables.Deliveries} where subscription_id = $1 and status = 'Pending')::int, " +
            $"(select count(*) from {schema}.{WebhookTables.Deliveries} where subscription_id = $1 and status = 'Parked')::int, " +
            $"(select finished_at from {schema}.{WebhookTables.Deliveries} where subscription_id = $1 and status = 'Delivered' order by sequence desc limit 1), " +
            $"(select last_error from {schema}.{WebhookTables.Deliveries} where subscription_id = $1 and status in ('Pending', 'Parked') and last_error is not null order by sequence desc limit 1)");
        command.Parameters.AddWithValue(s.Id);
        await using var row = await command.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        return new WebhookView(s.Id, s.Group, s.Url, s.CreatedAt, s.CreatedBy, s.EndedAt, s.EndedBy, row.GetInt32(0), row.GetInt32(1),
            row.IsDBNull(2) ? null : row.GetFieldValue<DateTimeOffset>(2), row.IsDBNull(3) ? null : row.GetString(3));
    }

    private const int PageSize = 50;

    private static async Task<WebhookDeliveryPage> DeliveriesAsync(NpgsqlDataSource database, string schema, Guid subscription,
        DeliveryStatus? status, long? before, CancellationToken ct)
    {
        var items = new List<WebhookDelivery>();
        await using (var command = database.CreateCommand(
            $"select id, event_id, event_type, sequence, status, attempts, next_attempt_at, last_status_code, last_error, finished_at " +
            $"from {schema}.{WebhookTables.Deliveries} where subscription_id = $1 and ($2::text is null or status = $2) " +
            "and ($3::bigint is null or sequence < $3) order by sequence desc limit $4"))
        {
            command.Parameters.AddWithValue(subscription);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)status?.ToString() ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Bigint, (object?)before ?? DBNull.Value);
            command.Parameters.AddWithValue(PageSize + 1);
            await using var rows = await command.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                var state = rows.GetString(4);
                items.Add(new WebhookDelivery(rows.GetGuid(0), rows.GetGuid(1), rows.GetString(2), rows.GetInt64(3), state, rows.GetInt32(5),
                    state == "Pending" ? rows.GetFieldValue<DateTimeOffset>(6) : null, rows.IsDBNull(7) ? null : rows.GetInt32(7),
                    rows.IsDBNull(8) ? null : rows.GetString(8), rows.IsDBNull(9) ? null : rows.GetFieldValue<DateTimeOffset>(9), []));
            }
        }
        var more = items.Count > PageSize;
        if (more) items.RemoveAt(PageSize);
        if (items.Count > 0)
        {
            var history = new Dictionary<Guid, List<WebhookAttempt>>();
            await using var attempts = database.CreateCommand(
                $"select delivery_id, attempt, at, status_code, error, duration_ms from {schema}.{WebhookTables.Attempts} " +
                "where delivery_id = any($1) order by delivery_id, attempt");
            attempts.Parameters.AddWithValue(items.Select(i => i.Id).ToArray());
            await using var rows = await attempts.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                if (!history.TryGetValue(rows.GetGuid(0), out var list)) history[rows.GetGuid(0)] = list = [];
                list.Add(new WebhookAttempt(rows.GetInt32(1), rows.GetFieldValue<DateTimeOffset>(2), rows.IsDBNull(3) ? null : rows.GetInt32(3),
                    rows.IsDBNull(4) ? null : rows.GetString(4), rows.GetInt32(5)));
            }
            items = items.Select(i => i with { History = history.GetValueOrDefault(i.Id) ?? [] }).ToList();
        }
        return new WebhookDeliveryPage(items, more ? items[^1].Sequence : null);
    }
}

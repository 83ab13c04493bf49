using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Projections;
using JasperFx.Events;
using Weasel.Postgresql.Tables;

namespace GuidanceFlow.Api.Webhooks;

/// <summary>
/// A group's subscription to its reviews' events: every event of every review of the group is sent to the URL, signed
/// with the secret (shown once, when the subscription is made). Ended subscriptions are kept, with who ended them.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public string Group { get; set; } = "";
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public bool Active => EndedAt is null;
}

/// <summary>How deliveries are made (configuration section Webhooks).</summary>
public sealed class WebhookSettings
{
    /// <summary>The first retry waits this long; each later one twice as long as the last, up to <see cref="MaxRetrySeconds"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 30;
    public double MaxRetrySeconds { get; set; } = 3600;
    /// <summary>A delivery still failing this long after the event is parked: shown to the group's admins, retried only by hand.</summary>
    public double GiveUpAfterSeconds { get; set; } = 24 * 3600;
    /// <summary>A receiver that has not answered in this long has failed this attempt.</summary>
    public double TimeoutSeconds { get; set; } = 10;
    public int PollMilliseconds { get; set; } = 1000;
    /// <summary>Plain http URLs (a developer's machine, the tests); https only otherwise.</summary>
    public bool AllowHttp { get; set; }
    /// <summary>Loopback and private-network receivers (a developer's machine, the tests); refused otherwise, so a URL cannot reach inside.</summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>
/// One review event as integrators receive it, by webhook or from the events feed: a CloudEvents 1.0 envelope in its
/// JSON form. `id` is the event's own id — the same on every retry, so receivers de-duplicate by it; `sequence` orders
/// events across all reviews.
/// </summary>
public sealed record ReviewEventNotice(
    string Specversion, Guid Id, string Type, string Source, string Subject, DateTimeOffset Time, string Datacontenttype,
    long Sequence, ReviewEventData Data);

/// <summary>What happened: the review, its version after the event, who acted, and the event's own fields.</summary>
public sealed record ReviewEventData(Guid ReviewId, long Version, string Event, ActorRef Actor, JsonElement Fields);

public static class ReviewEventNotices
{
    public const string TypePrefix = "uk.nhs.guidanceflow.review.";

    public static ReviewEventNotice Of(IEvent e, JsonSerializerOptions options)
    {
        var entry = ReviewHistory.Entry(e, options);
        return new ReviewEventNotice("1.0", e.Id, TypePrefix + entry.Type, $"/api/reviews/{e.StreamId}", e.StreamId.ToString(),
            e.Timestamp, "application/json", e.Sequence, new ReviewEventData(e.StreamId, e.Version, entry.Type, entry.Actor, entry.Data));
    }
}

/// <summary>
/// The signature a receiver checks: HMAC-SHA256, keyed with the subscription's secret, over the timestamp header's
/// value, a full stop, and the body exactly as received; sent as `Webhook-Signature: v1=&lt;base64&gt;`.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "Webhook-Id";
    public const string TimestampHeader = "Webhook-Timestamp";
    public const string SignatureHeader = "Webhook-Signature";

    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.").Concat(body).ToArray();
        return "v1=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

/// <summary>The tables beside Marten's: each delivery owed (the outbox) and each attempt made.</summary>
public static class WebhookTables
{
    public const string Deliveries = "webhook_deliveries";
    public const string Attempts = "webhook_attempts";

    public static IEnumerable<Table> Schema(string schema)
    {
        var deliveries = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Deliveries));
        deliveries.AddColumn("id", "uuid").AsPrimaryKey();
        deliveries.AddColumn("subscription_id", "uuid").NotNull();
        deliveries.AddColumn<string>("group_name").NotNull();
        deliveries.AddColumn("event_id", "uuid").NotNull();
        deliveries.AddColumn("sequence", "bigint").NotNull();
        deliveries.AddColumn<string>("event_type").NotNull();
        deliveries.AddColumn("body", "bytea").NotNull();
        deliveries.AddColumn<string>("status").NotNull();
        deliveries.AddColumn<int>("attempts").NotNull().DefaultValueByExpression("0");
        deliveries.AddColumn("created_at", "timestamptz").NotNull();
        deliveries.AddColumn("next_attempt_at", "timestamptz").NotNull();
        deliveries.AddColumn("claimed_until", "timestamptz");
        deliveries.AddColumn<int>("last_status_code");
        deliveries.AddColumn<string>("last_error");
        deliveries.AddColumn("finished_at", "timestamptz");
        // Each event once per subscription, however often the fan-out is replayed.
        deliveries.Indexes.Add(new IndexDefinition($"{Deliveries}_once") { IsUnique = true }.AgainstColumns("subscription_id", "event_id"));
        // What the sender claims: the pending ones that are due.
        deliveries.Indexes.Add(new IndexDefinition($"{Deliveries}_due") { Predicate = "status = 'Pending'" }.AgainstColumns("next_attempt_at"));
        // What an admin lists: a subscription's deliveries by status, newest first.
        deliveries.Indexes.Add(new IndexDefinition($"{Deliveries}_listed").AgainstColumns("subscription_id", "status", "sequence"));

        var attempts = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Attempts));
        attempts.AddColumn("delivery_id", "uuid").AsPrimaryKey();
        attempts.AddColumn<int>("attempt").AsPrimaryKey();
        attempts.AddColumn("at", "timestamptz").NotNull();
        attempts.AddColumn<int>("status_code");
        attempts.AddColumn<string>("error");
        attempts.AddColumn<int>("duration_ms").NotNull();
        return [deliveries, attempts];
    }
}

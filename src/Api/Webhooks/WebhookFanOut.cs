using System.Text.Json;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace GuidanceFlow.Api.Webhooks;

/// <summary>
/// Run by the async daemon over every appended event, in order: each review event becomes one delivery row per active
/// subscription of the review's group. The rows are written in the same transaction as the daemon's progress, so none
/// is lost if a node dies, and a replay after a crash adds nothing twice (one row per subscription and event).
/// </summary>
public sealed class WebhookFanOut : SubscriptionBase
{
    public const string SubscriptionName = "Webhooks";

    private readonly string schema;

    public WebhookFanOut(string schema)
    {
        this.schema = schema;
        Name = SubscriptionName;
    }

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Infrastructure.GuidanceFlowSetup.ConfigureJson(options);
        return options;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        var events = page.Events.Where(e => e.Data is IReviewEvent).ToList();
        if (events.Count == 0) return NoChanges.Instance;
        var subscriptions = await operations.Query<WebhookSubscription>().Where(s => s.EndedAt == null).ToListAsync(ct);
        if (subscriptions.Count == 0) return NoChanges.Instance;
        var cards = (await operations.LoadManyAsync<ReviewAccessCard>(ct, events.Select(e => e.StreamId).Distinct()))
            .ToDictionary(c => c.Id, c => c.Group);
        var now = DateTimeOffset.UtcNow;
        foreach (var e in events)
        {
            if (!cards.TryGetValue(e.StreamId, out var group)) continue;
            byte[]? body = null;
            foreach (var subscription in subscriptions.Where(s => s.Group == group))
            {
                body ??= JsonSerializer.SerializeToUtf8Bytes(ReviewEventNotices.Of(e, Json), Json);
                operations.QueueSqlCommand(
                    $"insert into {schema}.{WebhookTables.Deliveries} (id, subscription_id, group_name, event_id, sequence, event_type, body, status, created_at, next_attempt_at) " +
                    "values (?, ?, ?, ?, ?, ?, ?, 'Pending', ?, ?) on conflict (subscription_id, event_id) do nothing",
                    Guid.CreateVersion7(), subscription.Id, group, e.Id, e.Sequence, e.EventType.Name, body, now, now);
            }
        }
        return NoChanges.Instance;
    }

    private sealed class NoChanges : IChangeListener
    {
        public static readonly NoChanges Instance = new();
        public Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token) => Task.CompletedTask;
        public Task BeforeCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }
}

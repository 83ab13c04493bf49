using GuidanceFlow.Domain.Reviews;
using Marten;

namespace GuidanceFlow.Api.Infrastructure;

/// <summary>
/// The write model of each review is stored with its events (an inline projection). Streams written
/// before that was so have no stored state; this folds each of them once, before the app takes
/// requests. Idempotent: a database that is up to date costs one indexed anti-join.
/// </summary>
public sealed class WriteModelBackfill(IDocumentStore store, ILogger<WriteModelBackfill> logger) : IHostedService
{
    private const int Batch = 200;

    public async Task StartAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var total = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var missing = await session.AdvancedSql.QueryAsync<Guid>(
                $"select s.id from {schema}.mt_streams s where not exists (select 1 from {schema}.mt_doc_review d where d.id = s.id) " +
                $"and exists (select 1 from {schema}.mt_events e where e.stream_id = s.id and e.type = 'guidance_review_opened') limit {Batch}", ct);
            if (missing.Count == 0) break;
            var stored = 0;
            foreach (var id in missing)
            {
                if (await session.Events.AggregateStreamAsync<Review>(id, token: ct) is not { } review) continue;
                session.Store(review);
                stored++;
            }
            await session.SaveChangesAsync(ct);
            total += stored;
            if (missing.Count < Batch || stored == 0) break;
        }
        if (total > 0) logger.LogInformation("Stored the write model of {Count} reviews written before it was kept", total);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

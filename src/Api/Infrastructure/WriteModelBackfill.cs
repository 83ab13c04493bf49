using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Projections.Views;
using Marten;
using Marten.Schema;
using Weasel.Core;

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
        var models = await BackfillAsync<Review>("mt_doc_review", ct);
        if (models > 0) logger.LogInformation("Stored the write model of {Count} reviews written before it was kept", models);
        var cards = await BackfillAsync<ReviewAccessCard>("mt_doc_reviewaccesscard", ct);
        if (cards > 0) logger.LogInformation("Stored the access card of {Count} reviews written before it was kept", cards);
        var shared = await MarkDistributedCardsAsync(ct);
        if (shared > 0) logger.LogInformation("Marked {Count} access cards of reviews shared before cards said so", shared);
        var rows = await FillDuplicatedColumnsAsync<RegisterEntry>(ct);
        if (rows > 0) logger.LogInformation("Filled the register's sort and filter columns of {Count} rows written before they were kept", rows);
    }

    /// <summary>
    /// Columns duplicated from a document (the register's sort and filter keys) are written with each
    /// document from then on; rows stored before a column existed have it empty. This copies them from
    /// the JSON in one statement, the way Marten writes them; a table already filled costs an index probe.
    /// The first duplicated column (the group) is never null in a filled row.
    /// </summary>
    private async Task<int> FillDuplicatedColumnsAsync<T>(CancellationToken ct)
    {
        var mapping = (DocumentMapping)store.Options.FindOrResolveDocumentType(typeof(T));
        var fields = mapping.DuplicatedFields;
        if (fields.Count == 0) return 0;
        await using var session = store.LightweightSession();
        var sql = $"update {mapping.TableName.QualifiedName} as d set {string.Join(", ", fields.Select(f => f.UpdateSqlFragment()))} " +
                  $"where d.{fields[0].ColumnName} is null";
        return await session.ExecuteAsync(new Npgsql.NpgsqlCommand(sql), ct);
    }

    /// <summary>
    /// Access cards stored before they kept whether the collated response had been shared say it has not, which would
    /// keep stakeholders from each other's answers after sharing: set it from the review's own events, in one statement.
    /// </summary>
    private async Task<int> MarkDistributedCardsAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var session = store.LightweightSession();
        return await session.ExecuteAsync(new Npgsql.NpgsqlCommand(
            $"update {schema}.mt_doc_reviewaccesscard c set data = jsonb_set(c.data, '{{Distributed}}', 'true') " +
            $"where coalesce((c.data ->> 'Distributed')::boolean, false) = false " +
            $"and exists (select 1 from {schema}.mt_events e where e.stream_id = c.id and e.type = 'collated_response_distributed')"), ct);
    }

    /// <summary>Folds and stores <typeparamref name="T"/> for every review stream that has none in <paramref name="table"/>.</summary>
    private async Task<int> BackfillAsync<T>(string table, CancellationToken ct) where T : class
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var total = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var missing = await session.AdvancedSql.QueryAsync<Guid>(
                $"select s.id from {schema}.mt_streams s where not exists (select 1 from {schema}.{table} d where d.id = s.id) " +
                $"and exists (select 1 from {schema}.mt_events e where e.stream_id = s.id and e.type = 'guidance_review_opened') limit {Batch}", ct);
            if (missing.Count == 0) break;
            var stored = 0;
            foreach (var id in missing)
            {
                if (await session.Events.AggregateStreamAsync<T>(id, token: ct) is not { } model) continue;
                session.Store(model);
                stored++;
            }
            await session.SaveChangesAsync(ct);
            total += stored;
            if (missing.Count < Batch || stored == 0) break;
        }
        return total;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

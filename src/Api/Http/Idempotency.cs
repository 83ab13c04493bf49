using System.Security.Cryptography;
using GuidanceFlow.Api.Identity;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Postgresql.Tables;

namespace GuidanceFlow.Api.Http;

/// <summary>
/// Idempotent retries of API writes. A client sends <c>Idempotency-Key</c> (any unique string it
/// chooses, e.g. a UUID) with a POST, PUT, PATCH or DELETE; for 24 hours, per user, a repeat of that
/// request gets the first answer again and appends nothing. The key is reserved before the request
/// runs; a write that commits marks the key in the same transaction as its events (see
/// <see cref="GuidanceFlow.Workflows.IdempotentWrite"/>), so even when the answer is lost (a crash, a dropped
/// connection) a repeat can never write twice.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    /// <summary>A reservation left by a request that died before it committed anything is taken over after this.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(30);

    public const string Table = "idempotent_requests";

    /// <summary>The table of keys, created with the rest of the schema.</summary>
    public static Table Schema(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Table));
        table.AddColumn<string>("user_id").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<string>("request_hash").NotNull();
        table.AddColumn("created_at", "timestamptz").NotNull();
        table.AddColumn<bool>("committed").NotNull().DefaultValueByExpression("false");
        table.AddColumn<int>("status");
        table.AddColumn<string>("content_type");
        table.AddColumn<string>("etag");
        table.AddColumn<string>("location");
        table.AddColumn("body", "bytea");
        return table;
    }

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!request.Headers.TryGetValue(Header, out var values) || !request.Path.StartsWithSegments("/api")
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next();
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
        {
            await Problems.Validation(Header, "Send one Idempotency-Key of 1 to 255 visible ASCII characters, e.g. a UUID.").ExecuteAsync(context);
            return;
        }

        var store = new KeyStore(context.RequestServices.GetRequiredService<NpgsqlDataSource>(),
            context.RequestServices.GetRequiredService<IDocumentStore>().Options.DatabaseSchemaName);
        var userId = context.User.UserId();
        var hash = await FingerprintAsync(request, context.RequestAborted);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

        var earlier = await store.ReserveAsync(userId, key, hash, now, context.RequestAborted);
        if (earlier is not null)
        {
            await AnswerRepeatAsync(context, earlier, hash);
            return;
        }

        // Run the request with the key held, keeping a copy of the answer to give again.
        var held = GuidanceFlow.Workflows.IdempotentWrite.Begin(userId, key);
        var original = context.Response.Body;
        await using var copy = new MemoryStream();
        context.Response.Body = copy;
        var kept = false;
        try
        {
            try
            {
                await next();
            }
            catch (Exception e) when (!context.Response.HasStarted && ProblemMapping.StatusFor(e) < 500)
            {
                // A refusal (409, 404, 400…) is a final answer: written here, so it is kept and given again.
                held.Open = false;
                copy.SetLength(0);
                await context.RequestServices.GetServices<Microsoft.AspNetCore.Diagnostics.IExceptionHandler>().OfType<ProblemMapping>().Single()
                    .TryHandleAsync(context, e, context.RequestAborted);
            }
            held.Open = false;
            var status = context.Response.StatusCode;
            // Transient answers (rate limit, outage, failure) are not final: a retry runs again unless it committed.
            if (status is not (StatusCodes.Status429TooManyRequests or >= 500))
            {
                await store.CompleteAsync(userId, key, status, context.Response.ContentType, context.Response.Headers.ETag.ToString(),
                    context.Response.Headers.Location.ToString(), copy.ToArray(), CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            GuidanceFlow.Workflows.IdempotentWrite.End(held);
            context.Response.Body = original;
            if (!kept) await store.ReleaseUnlessCommittedAsync(userId, key, CancellationToken.None);
            copy.Position = 0;
            if (copy.Length > 0 && !context.RequestAborted.IsCancellationRequested) await copy.CopyToAsync(original, CancellationToken.None);
        }
    });

    private static async Task AnswerRepeatAsync(HttpContext context, KeptRequest earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused for another request",
                detail: "This Idempotency-Key was used for a different request in the last 24 hours. Use a new key for a new request.")
                .ExecuteAsync(context);
            return;
        }
        if (earlier.Status is { } status)
        {
            var response = context.Response;
            response.StatusCode = status;
            if (earlier.ContentType is { Length: > 0 } type) response.ContentType = type;
            if (earlier.ETag is { Length: > 0 } etag) response.Headers.ETag = etag;
            if (earlier.Location is { Length: > 0 } location) response.Headers.Location = location;
            response.Headers[ReplayedHeader] = "true";
            if (earlier.Body is { Length: > 0 } body) await response.Body.WriteAsync(body, context.RequestAborted);
            return;
        }
        context.Response.Headers.RetryAfter = "1";
        await Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: earlier.Committed ? "The earlier request with this key was written" : "The earlier request with this key is still running",
                detail: earlier.Committed
                    ? "A request with this Idempotency-Key was committed, but its answer was not kept. Nothing more was written; read the resource to see the result."
                    : "A request with this Idempotency-Key is still being processed. Nothing more was written; repeat it in a moment to get its answer.")
            .ExecuteAsync(context);
    }

    /// <summary>What makes two requests the same: method, path, query, If-Match and body.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n{request.Headers.IfMatch}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    internal sealed record KeptRequest(string RequestHash, bool Committed, int? Status, string? ContentType, string? ETag, string? Location, byte[]? Body);

    /// <summary>The rows of <see cref="Table"/>: one per user and key, looked up by its primary key.</summary>
    private sealed class KeyStore(NpgsqlDataSource database, string schema)
    {
        private readonly string _table = $"{schema}.{Table}";

        /// <summary>Null when the key is now held by this request; else what an earlier request with it left.</summary>
        public async Task<KeptRequest?> ReserveAsync(string userId, string key, string hash, DateTimeOffset now, CancellationToken ct)
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            // Expired keys of this user go first (the table stays as small as 24 hours of one user's writes),
            // then a reservation abandoned before it committed anything is taken over.
            await using (var purge = new NpgsqlCommand(
                             $"delete from {_table} where user_id = $1 and (created_at < $2 or (key = $3 and status is null and not committed and created_at < $4))",
                             connection))
            {
                purge.Parameters.Add(new() { Value = userId });
                purge.Parameters.Add(new() { Value = now - Kept, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                purge.Parameters.Add(new() { Value = key });
                purge.Parameters.Add(new() { Value = now - AbandonedAfter, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                await purge.ExecuteNonQueryAsync(ct);
            }
            await using (var reserve = new NpgsqlCommand(
                             $"insert into {_table} (user_id, key, request_hash, created_at) values ($1, $2, $3, $4) on conflict do nothing", connection))
            {
                reserve.Parameters.Add(new() { Value = userId });
                reserve.Parameters.Add(new() { Value = key });
                reserve.Parameters.Add(new() { Value = hash });
                reserve.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                if (await reserve.ExecuteNonQueryAsync(ct) == 1) return null;
            }
            await using var read = new NpgsqlCommand(
                $"select request_hash, committed, status, content_type, etag, location, body from {_table} where user_id = $1 and key = $2", connection);
            read.Parameters.Add(new() { Value = userId });
            read.Parameters.Add(new() { Value = key });
            await using var row = await read.ExecuteReaderAsync(ct);
            if (!await row.ReadAsync(ct))
                return new KeptRequest(hash, false, null, null, null, null, null); // released in between: still running for someone
            return new KeptRequest(row.GetString(0), row.GetBoolean(1), row.IsDBNull(2) ? null : row.GetInt32(2),
                row.IsDBNull(3) ? null : row.GetString(3), row.IsDBNull(4) ? null : row.GetString(4),
                row.IsDBNull(5) ? null : row.GetString(5), row.IsDBNull(6) ? null : (byte[])row[6]);
        }

        public async Task CompleteAsync(string userId, string key, int status, string? contentType, string? etag, string? location,
            byte[] body, CancellationToken ct)
        {
            await using var command = database.CreateCommand(
                $"update {_table} set status = $3, content_type = $4, etag = $5, location = $6, body = $7 where user_id = $1 and key = $2");
            command.Parameters.Add(new() { Value = userId });
            command.Parameters.Add(new() { Value = key });
            command.Parameters.Add(new() { Value = status });
            command.Parameters.Add(new() { Value = (object?)contentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = string.IsNullOrEmpty(etag) ? DBNull.Value : etag, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = string.IsNullOrEmpty(location) ? DBNull.Value : location, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = body, NpgsqlDbType = NpgsqlDbType.Bytea });
            await command.ExecuteNonQueryAsync(ct);
        }

        /// <summary>A request that wrote nothing gives its key back, so a retry runs it again.</summary>
        public async Task ReleaseUnlessCommittedAsync(string userId, string key, CancellationToken ct)
        {
            try
            {
                await using var command = database.CreateCommand(
                    $"delete from {_table} where user_id = $1 and key = $2 and status is null and not committed");
                command.Parameters.Add(new() { Value = userId });
                command.Parameters.Add(new() { Value = key });
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (Exception e) when (GuidanceFlow.Workflows.DatabaseOutage.Is(e))
            {
                // The database is away: the reservation is taken over once abandoned (AbandonedAfter).
            }
        }
    }
}

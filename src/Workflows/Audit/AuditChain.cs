using GuidanceFlow.Projections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace GuidanceFlow.Workflows.Audit;

/// <summary>
/// Tamper evidence for a review's stream: every event carries a hash over the previous event's hash,
/// its type, its data, who acted and when it was recorded. Changing, deleting or reordering a stored
/// event breaks the chain at that event.
/// </summary>
public sealed class AuditChain(TimeProvider clock)
{
    public const string HashHeader = ChainHeaders.Hash;
    public const string RecordedAtHeader = ChainHeaders.RecordedAt;

    /// <summary>How far the stored timestamp may drift from the hashed recorded-at (app and database clocks differ a little).</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Wraps each event with its place in the chain, ready to append after <paramref name="previousHash"/>.</summary>
    public IReadOnlyList<IEvent> Link(IDocumentSession session, string previousHash, Actor actor, IEnumerable<object> events)
    {
        var recordedAt = clock.GetUtcNow().ToUniversalTime().ToString("O");
        var linked = new List<IEvent>();
        foreach (var data in events)
        {
            var e = session.Events.BuildEvent(data);
            var hash = Hash(previousHash, TypeName(data.GetType()), Canonical(session.DocumentStore.Options.Serializer().ToJson(data)),
                actor.UserId, actor.Name, actor.Organisation, actor.Role, recordedAt);
            e.SetHeader(RecordedAtHeader, recordedAt);
            e.SetHeader(HashHeader, hash);
            linked.Add(e);
            previousHash = hash;
        }
        return linked;
    }

    /// <summary>
    /// The events as every stream stores them: linked into the stream's chain after <paramref name="head"/>,
    /// each carrying who acted.
    /// </summary>
    public IEnumerable<IEvent> Attributed(IDocumentSession session, string head, Actor actor, IReadOnlyList<object> events)
    {
        foreach (var e in Link(session, head, actor, events))
        {
            e.SetHeader(ActorHeaders.Id, actor.UserId);
            e.SetHeader(ActorHeaders.Name, actor.Name);
            e.SetHeader(ActorHeaders.Organisation, actor.Organisation);
            e.SetHeader(ActorHeaders.Role, actor.Role);
            yield return e;
        }
    }

    /// <summary>Recomputes the chain from the rows as stored, and names the first event where it breaks.</summary>
    public static async Task<ChainVerification> VerifyAsync(NpgsqlDataSource database, string schema, Guid reviewId, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select seq_id, version, type, data::text, headers::text, timestamp from {schema}.mt_events where stream_id = @id order by seq_id");
        command.Parameters.AddWithValue("id", reviewId);
        await using var reader = await command.ExecuteReaderAsync(ct);

        var previous = "";
        long expectedVersion = 1, count = 0;
        while (await reader.ReadAsync(ct))
        {
            count++;
            var sequence = reader.GetInt64(0);
            var version = reader.GetInt64(1);
            ChainVerification Broken(string why) => new(reviewId, false, count, new ChainBreak(sequence, version, why));

            if (version != expectedVersion)
                return Broken(version > expectedVersion
                    ? $"Version {expectedVersion} is missing: an event was deleted before this one."
                    : $"Version {version} is out of order: expected version {expectedVersion}.");

            var headers = reader.IsDBNull(4) ? new Dictionary<string, JsonElement>()
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(reader.GetString(4)) ?? [];
            string? Header(string key) => headers.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

            var stored = Header(HashHeader);
            if (stored is null) return Broken("The event carries no hash.");
            var recordedAt = Header(RecordedAtHeader) ?? "";
            var expected = Hash(previous, reader.GetString(2), Canonical(reader.GetString(3)), Header("actor-id"), Header("actor-name"),
                Header("actor-organisation"), Header("actor-role"), recordedAt);
            if (expected != stored)
                return Broken("The event's type, data, actor or recorded time has changed since it was written, or an event before it was removed or reordered.");

            var timestamp = reader.GetFieldValue<DateTimeOffset>(5);
            if (!DateTimeOffset.TryParse(recordedAt, out var hashedTime) || (timestamp - hashedTime).Duration() > TimestampTolerance)
                return Broken($"The stored timestamp {timestamp:O} does not match the time recorded in the chain, {recordedAt}.");

            previous = stored;
            expectedVersion++;
        }
        return count == 0 ? new(reviewId, false, 0, null) : new(reviewId, true, count, null);
    }

    /// <summary>One event's link: public, as the method is (anyone may recompute a chain; only the signed checkpoints cannot be forged).</summary>
    public static string Hash(string previous, string type, string data, string? actorId, string? actorName, string? organisation,
        string? role, string recordedAt)
    {
        // Length-prefixed fields, so no two different inputs can run together into the same text.
        var builder = new StringBuilder();
        foreach (var field in new[] { previous, type, data, actorId ?? "", actorName ?? "", organisation ?? "", role ?? "", recordedAt })
            builder.Append(field.Length).Append(':').Append(field).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>Marten's stored name for an event type: GuidanceReviewOpened → guidance_review_opened.</summary>
    public static string TypeName(Type type) =>
        string.Concat(type.Name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>JSON in one form whatever wrote it: keys sorted, no spaces. PostgreSQL's jsonb reorders keys; this makes that harmless.</summary>
    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        var builder = new StringBuilder();
        Write(document.RootElement, builder);
        return builder.ToString();
    }

    private static void Write(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) builder.Append(',');
                    first = false;
                    builder.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    Write(property.Value, builder);
                }
                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0) builder.Append(',');
                    Write(item, builder);
                }
                builder.Append(']');
                break;
            case JsonValueKind.String:
                builder.Append(JsonSerializer.Serialize(element.GetString()));
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }
}

public sealed record ChainBreak(long Sequence, long Version, string Reason);

/// <summary>The result of recomputing a review's hash chain.</summary>
public sealed record ChainVerification(Guid ReviewId, bool Intact, long EventsChecked, ChainBreak? FirstBreak);

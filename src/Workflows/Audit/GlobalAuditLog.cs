using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace GuidanceFlow.Workflows.Audit;

/// <summary>
/// A signed checkpoint of the whole record: every event up to <see cref="Sequence"/>, across every
/// stream, hashed into one chain whose head is <see cref="Head"/>, signed with the deployment's
/// Ed25519 key. Keep one outside the database (download it from <c>GET /api/audit/checkpoint</c>);
/// verification against it later names anything deleted, cut off or rewritten since.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, long Events, string Head, DateTimeOffset SignedAt, string PublicKey, string Signature)
{
    /// <summary>The exact text the signature covers.</summary>
    public string SignedText() => $"guidanceflow-audit-checkpoint\n{Sequence}\n{Events}\n{Head}\n{SignedAt.ToUniversalTime():O}";
}

/// <summary>What verification found: nothing, or each change in words an auditor can follow up.</summary>
public sealed record AuditVerification(bool Intact, long EventsChecked, IReadOnlyList<string> Findings);

/// <summary>The deployment's checkpoint signing key (Ed25519), from configuration.</summary>
public sealed class CheckpointKey
{
    private readonly Ed25519PrivateKeyParameters _private;

    public CheckpointKey(byte[] seed)
    {
        if (seed.Length != 32) throw new ArgumentException("An Ed25519 signing key is 32 bytes (base64 in Audit__SigningKey).");
        _private = new Ed25519PrivateKeyParameters(seed);
        PublicKey = Convert.ToBase64String(_private.GeneratePublicKey().GetEncoded());
    }

    public string PublicKey { get; }

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(32);

    public string Sign(string text)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        var bytes = Encoding.UTF8.GetBytes(text);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    public static bool Verifies(string publicKey, string text, string signature)
    {
        try
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(Convert.FromBase64String(publicKey)));
            var bytes = Encoding.UTF8.GetBytes(text);
            verifier.BlockUpdate(bytes, 0, bytes.Length);
            return verifier.VerifySignature(Convert.FromBase64String(signature));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// The global, append-only log of the record. Each event, once the event store's sequence is settled
/// up to it (the async daemon's high-water mark, so no earlier event can still commit), gets a row:
/// its sequence, stream, version, its own chain hash, and a running hash over every row before it.
/// Extending reads only events not yet logged; a signed checkpoint is kept at each new head.
/// </summary>
public sealed class GlobalAuditLog(NpgsqlDataSource database, CheckpointKey key, TimeProvider clock, ILogger<GlobalAuditLog> logger)
{
    public const string Schema = "guidanceflow";
    public const string LogTable = Schema + ".audit_log";
    public const string CheckpointTable = Schema + ".audit_checkpoints";
    private const int Batch = 2000;
    private const long ExtendLock = 0x6775_6964_616e_6365; // advisory lock: one instance extends at a time

    public static IEnumerable<Weasel.Core.ISchemaObject> SchemaObjects()
    {
        var log = new Weasel.Postgresql.Tables.Table(new Weasel.Postgresql.PostgresqlObjectName(Schema, "audit_log"));
        log.AddColumn<long>("seq").AsPrimaryKey();
        log.AddColumn<Guid>("stream_id").NotNull();
        log.AddColumn<long>("version").NotNull();
        log.AddColumn<string>("event_hash").NotNull();
        log.AddColumn<string>("chain").NotNull();
        yield return log;
        var checkpoints = new Weasel.Postgresql.Tables.Table(new Weasel.Postgresql.PostgresqlObjectName(Schema, "audit_checkpoints"));
        checkpoints.AddColumn<long>("seq").AsPrimaryKey();
        checkpoints.AddColumn<long>("events").NotNull();
        checkpoints.AddColumn<string>("head").NotNull();
        checkpoints.AddColumn("signed_at", "timestamptz").NotNull();
        checkpoints.AddColumn<string>("public_key").NotNull();
        checkpoints.AddColumn<string>("signature").NotNull();
        yield return checkpoints;
    }

    /// <summary>Logs every settled event not yet logged and signs a checkpoint at the new head; returns the latest checkpoint.</summary>
    public async Task<AuditCheckpoint?> ExtendAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var locking = new NpgsqlCommand($"select pg_advisory_xact_lock({ExtendLock})", connection, transaction))
            await locking.ExecuteNonQueryAsync(ct);

        var (lastSeq, head, count) = await LastAsync(connection, transaction, ct);
        var settled = await SettledSequenceAsync(connection, transaction, ct);
        var appended = 0;
        while (lastSeq < settled)
        {
            var rows = new List<(long Seq, Guid Stream, long Version, string Hash)>();
            await using (var read = new NpgsqlCommand(
                             $"select seq_id, stream_id, version, coalesce(headers ->> '{AuditChain.HashHeader}', '') from {Schema}.mt_events " +
                             $"where seq_id > $1 and seq_id <= $2 order by seq_id limit {Batch}", connection, transaction))
            {
                read.Parameters.Add(new() { Value = lastSeq });
                read.Parameters.Add(new() { Value = settled });
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3)));
            }
            if (rows.Count == 0) break;

            await using var insert = new NpgsqlBatch(connection, transaction);
            foreach (var row in rows)
            {
                head = Link(head, row.Seq, row.Stream, row.Version, row.Hash);
                var command = new NpgsqlBatchCommand($"insert into {LogTable} (seq, stream_id, version, event_hash, chain) values ($1, $2, $3, $4, $5)");
                command.Parameters.Add(new() { Value = row.Seq });
                command.Parameters.Add(new() { Value = row.Stream });
                command.Parameters.Add(new() { Value = row.Version });
                command.Parameters.Add(new() { Value = row.Hash });
                command.Parameters.Add(new() { Value = head });
                insert.BatchCommands.Add(command);
            }
            await insert.ExecuteNonQueryAsync(ct);
            lastSeq = rows[^1].Seq;
            count += rows.Count;
            appended += rows.Count;
        }

        if (appended > 0)
        {
            var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
            var unsigned = new AuditCheckpoint(lastSeq, count, head, signedAt, key.PublicKey, "");
            var checkpoint = unsigned with { Signature = key.Sign(unsigned.SignedText()) };
            await using var store = new NpgsqlCommand(
                $"insert into {CheckpointTable} (seq, events, head, signed_at, public_key, signature) values ($1, $2, $3, $4, $5, $6)",
                connection, transaction);
            store.Parameters.Add(new() { Value = checkpoint.Sequence });
            store.Parameters.Add(new() { Value = checkpoint.Events });
            store.Parameters.Add(new() { Value = checkpoint.Head });
            store.Parameters.Add(new() { Value = checkpoint.SignedAt });
            store.Parameters.Add(new() { Value = checkpoint.PublicKey });
            store.Parameters.Add(new() { Value = checkpoint.Signature });
            await store.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Audit log extended by {Count} events to sequence {Sequence}", appended, lastSeq);
        }
        await transaction.CommitAsync(ct);
        return await LatestCheckpointAsync(ct);
    }

    public async Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select seq, events, head, signed_at, public_key, signature from {CheckpointTable} order by seq desc limit 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadCheckpoint(reader) : null;
    }

    /// <summary>
    /// Checks the record against a checkpoint saved earlier: its signature; the global log up to it (the
    /// chain it signed, and each stored checkpoint on the way, so a change is placed between two of them);
    /// and every logged event against the event store — deleted streams, cut-off tails, rewritten or
    /// inserted events are each named.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(AuditCheckpoint saved, CancellationToken ct)
    {
        var findings = new List<string>();
        if (saved.PublicKey != key.PublicKey)
            findings.Add("The checkpoint was signed with another key than this deployment's.");
        if (!CheckpointKey.Verifies(saved.PublicKey, saved.SignedText(), saved.Signature))
            findings.Add("The checkpoint's signature is not valid: the checkpoint itself was altered.");

        await using var connection = await database.OpenConnectionAsync(ct);

        // Stored checkpoints with a valid signature, to place a change in the log between two of them.
        var anchors = new SortedDictionary<long, AuditCheckpoint>();
        await using (var read = new NpgsqlCommand(
                         $"select seq, events, head, signed_at, public_key, signature from {CheckpointTable} where seq <= $1 order by seq", connection))
        {
            read.Parameters.Add(new() { Value = saved.Sequence });
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var c = ReadCheckpoint(reader);
                if (c.PublicKey == key.PublicKey && CheckpointKey.Verifies(c.PublicKey, c.SignedText(), c.Signature)) anchors[c.Sequence] = c;
            }
        }
        anchors[saved.Sequence] = saved;

        // 1. The global log, recomputed, against the signed heads.
        var head = "";
        long count = 0, lastGood = 0;
        var logBroken = false;
        var logged = new Dictionary<(Guid Stream, long Version), (long Seq, string Hash)>();
        await using (var read = new NpgsqlCommand($"select seq, stream_id, version, event_hash, chain from {LogTable} where seq <= $1 order by seq", connection))
        {
            read.Parameters.Add(new() { Value = saved.Sequence });
            await using var reader = await read.ExecuteReaderAsync(ct);
            using var anchor = anchors.Values.GetEnumerator();
            var hasAnchor = anchor.MoveNext();
            while (await reader.ReadAsync(ct))
            {
                var (seq, stream, version, hash) = (reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3));
                head = Link(head, seq, stream, version, hash);
                count++;
                logged[(stream, version)] = (seq, hash);
                while (hasAnchor && anchor.Current.Sequence < seq && !logBroken)
                {
                    logBroken = true;
                    findings.Add($"The global log has no entry at sequence {anchor.Current.Sequence}, which a signed checkpoint covers: entries after sequence {lastGood} were removed or renumbered.");
                }
                if (hasAnchor && anchor.Current.Sequence == seq)
                {
                    if (!logBroken && (anchor.Current.Head != head || anchor.Current.Events != count))
                    {
                        logBroken = true;
                        findings.Add($"The global log was altered between sequence {lastGood} and {seq}: its chain no longer gives the head signed at {anchor.Current.SignedAt:u}.");
                    }
                    if (!logBroken) lastGood = seq;
                    hasAnchor = anchor.MoveNext();
                }
            }
            if (hasAnchor && !logBroken)
                findings.Add($"The global log ends before sequence {saved.Sequence}: entries after sequence {lastGood} were removed.");
        }

        // 2. Every logged event against the event store, stream by stream.
        var stored = new Dictionary<(Guid Stream, long Version), (long Seq, string Hash)>();
        await using (var read = new NpgsqlCommand(
                         $"select seq_id, stream_id, version, coalesce(headers ->> '{AuditChain.HashHeader}', '') from {Schema}.mt_events where seq_id <= $1", connection))
        {
            read.Parameters.Add(new() { Value = saved.Sequence });
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) stored[(reader.GetGuid(1), reader.GetInt64(2))] = (reader.GetInt64(0), reader.GetString(3));
        }
        var streamsNow = new HashSet<Guid>();
        await using (var read = new NpgsqlCommand($"select id from {Schema}.mt_streams", connection))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) streamsNow.Add(reader.GetGuid(0));

        foreach (var stream in logged.GroupBy(l => l.Key.Stream).OrderBy(g => g.Min(x => x.Value.Seq)))
        {
            var versions = stream.Select(l => l.Key.Version).Order().ToList();
            var missing = versions.Where(v => !stored.ContainsKey((stream.Key, v))).ToList();
            if (missing.Count == versions.Count)
                findings.Add($"Stream {stream.Key} was deleted: all {versions.Count} of its logged events are gone{(streamsNow.Contains(stream.Key) ? "" : ", and the stream itself")}.");
            else if (missing.Count > 0 && missing.SequenceEqual(versions.TakeLast(missing.Count)))
                findings.Add($"Stream {stream.Key} was cut off: versions {missing[0]}–{missing[^1]} are gone.");
            else if (missing.Count > 0)
                findings.Add($"Stream {stream.Key}: events at versions {string.Join(", ", missing)} are gone.");
            foreach (var version in versions.Where(v => stored.TryGetValue((stream.Key, v), out var s) && s.Hash != logged[(stream.Key, v)].Hash))
                findings.Add($"Stream {stream.Key}, version {version} (sequence {logged[(stream.Key, version)].Seq}) was rewritten: its hash is not the one logged.");
        }
        foreach (var ((stream, version), (seq, _)) in stored.Where(s => !logged.ContainsKey(s.Key)).OrderBy(s => s.Value.Seq))
            findings.Add($"Stream {stream}, version {version} (sequence {seq}) is not in the global log: it was added into the past.");

        return new AuditVerification(findings.Count == 0, count, findings);
    }

    private static AuditCheckpoint ReadCheckpoint(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5));

    /// <summary>Where the log ends: its last signed checkpoint, written in the same transaction as the rows it covers.</summary>
    private static async Task<(long Seq, string Head, long Count)> LastAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select seq, head, events from {CheckpointTable} order by seq desc limit 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)) : (0, "", 0);
    }

    /// <summary>Up to where no event can still commit below: the async daemon's high-water mark.</summary>
    private static async Task<long> SettledSequenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce((select last_seq_id from {Schema}.mt_event_progression where name = 'HighWaterMark'), 0)", connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    /// <summary>The running hash: the previous head, then this event's place and its own chain hash, length-prefixed.</summary>
    public static string Link(string previous, long seq, Guid stream, long version, string eventHash)
    {
        var text = new StringBuilder();
        foreach (var field in new[] { previous, seq.ToString(), stream.ToString(), version.ToString(), eventHash })
            text.Append(field.Length).Append(':').Append(field).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>Extends the global audit log in the background, so a checkpoint is never far behind the record.</summary>
public sealed class AuditLogExtender(GlobalAuditLog log, IConfiguration configuration, ILogger<AuditLogExtender> logger)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue("Audit:CheckpointSeconds", 60.0));
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                await log.ExtendAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not extend the audit log; trying again in {Seconds} s", every.TotalSeconds);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

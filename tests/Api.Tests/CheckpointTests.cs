using System.Text.Json;
using GuidanceFlow.Workflows.Audit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Tamper evidence for the whole record: a signed checkpoint over every event of every stream, and
/// verification against one saved earlier that names a stream deleted whole, a tail cut off, or
/// history rewritten consistently (per-stream chains recomputed, even the global log recomputed).
/// </summary>
public class CheckpointTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<List<Guid>> ThreeReviews()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta"); // versions 1-4
            await Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "Met")); // 5
            await Api.Respond(view.Id, "sunil.mehta", Api.Answer("1.1.1", "NotMet")); // 6
            ids.Add(view.Id);
        }
        return ids;
    }

    private async Task<AuditCheckpoint> Checkpoint()
    {
        await ViewsCaughtUp(); // the daemon's high-water mark has passed every event
        return await Api.Read<AuditCheckpoint>(await Api.Get("rachel.stone", "/api/audit/checkpoint"));
    }

    private Task<AuditVerification> Verify(AuditCheckpoint saved) =>
        Host.Services.GetRequiredService<GlobalAuditLog>().VerifyAsync(saved, CancellationToken.None);

    private async Task Sql(string sql, params object[] values)
    {
        await using var command = Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the tampering changed no row");
    }

    [Fact]
    public async Task A_checkpoint_covers_every_event_is_signed_and_the_untouched_record_verifies()
    {
        await ThreeReviews();
        var checkpoint = await Checkpoint();
        // The three reviews' 18 events, and the NHS structure's loaded from its file at the reset.
        var events = 18 + await EveryEventCount() - await AllEventsCount();
        Assert.Equal(events, checkpoint.Events);
        Assert.True(CheckpointKey.Verifies(checkpoint.PublicKey, checkpoint.SignedText(), checkpoint.Signature));
        Assert.False(CheckpointKey.Verifies(checkpoint.PublicKey, (checkpoint with { Events = events - 1 }).SignedText(), checkpoint.Signature));

        var result = await Verify(checkpoint);
        Assert.True(result.Intact, string.Join("\n", result.Findings));
        Assert.Equal(events, result.EventsChecked);

        // Later writes extend it; the earlier checkpoint still verifies.
        await Api.Respond((await ThreeReviews())[0], "tom.hadley", Api.Answer("1.2.1", "Met"));
        var later = await Checkpoint();
        Assert.Equal(events + 19, later.Events);
        Assert.True((await Verify(checkpoint)).Intact);
        Assert.True((await Verify(later)).Intact);

        // A forged checkpoint is refused, and only auditors take checkpoints.
        Assert.Contains((await Verify(checkpoint with { Events = 20 })).Findings, f => f.Contains("signature is not valid"));
        await Api.Problem(await Api.Get("tom.hadley", "/api/audit/checkpoint"), 403);
    }

    [Fact]
    public async Task A_stream_deleted_whole_and_a_tail_cut_off_are_named()
    {
        var ids = await ThreeReviews();
        var saved = await Checkpoint();
        await Sql("delete from guidanceflow.mt_events where stream_id = $1", ids[0]);
        await Sql("delete from guidanceflow.mt_streams where id = $1", ids[0]);
        await Sql("delete from guidanceflow.mt_events where stream_id = $1 and version > 4", ids[2]);
        await Sql("update guidanceflow.mt_streams set version = 4 where id = $1", ids[2]);

        var result = await Verify(saved);
        Assert.False(result.Intact);
        Assert.Contains($"Stream {ids[0]} was deleted: all 6 of its logged events are gone, and the stream itself.", result.Findings);
        Assert.Contains($"Stream {ids[2]} was cut off: versions 5–6 are gone.", result.Findings);
        Assert.DoesNotContain(result.Findings, f => f.Contains(ids[1].ToString()));
    }

    [Fact]
    public async Task History_rewritten_consistently_is_named_and_so_is_a_recomputed_global_log()
    {
        var ids = await ThreeReviews();
        var saved = await Checkpoint();

        // Sunil's "NotMet" becomes "Met", and the stream's chain is recomputed so it verifies on its own.
        await using (var read = Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
                         "select type, data::text, headers::text from guidanceflow.mt_events where stream_id = $1 and version in (5, 6) order by version"))
        {
            read.Parameters.Add(new() { Value = ids[1] });
            await using var reader = await read.ExecuteReaderAsync();
            await reader.ReadAsync();
            var previous = JsonDocument.Parse(reader.GetString(2)).RootElement.GetProperty(AuditChain.HashHeader).GetString()!;
            await reader.ReadAsync();
            var (type, data, headers) = (reader.GetString(0), reader.GetString(1).Replace("\"NotMet\"", "\"Met\""), JsonDocument.Parse(reader.GetString(2)).RootElement);
            string H(string name) => headers.GetProperty(name).GetString()!;
            var forged = AuditChain.Hash(previous, type, AuditChain.Canonical(data), H("actor-id"), H("actor-name"), H("actor-organisation"),
                H("actor-role"), H(AuditChain.RecordedAtHeader));
            await reader.DisposeAsync();
            await Sql("update guidanceflow.mt_events set data = $2::jsonb, headers = jsonb_set(headers, '{hash}', to_jsonb($3::text)) " +
                      "where stream_id = $1 and version = 6", ids[1], data, forged);
        }
        Assert.True((await Api.Read<ChainVerification>(await Api.Get("rachel.stone", $"/api/reviews/{ids[1]}/verify"))).Intact);

        var found = await Verify(saved);
        var seq = await Seq(ids[1], 6);
        Assert.Equal([$"Stream {ids[1]}, version 6 (sequence {seq}) was rewritten: its hash is not the one logged."], found.Findings);

        // The global log rewritten to match, its chain recomputed from there on: the signed head no longer comes out.
        await using (var connection = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            var rows = new List<(long Seq, Guid Stream, long Version, string Hash)>();
            await using (var read = new NpgsqlCommand(
                             "select l.seq, l.stream_id, l.version, coalesce(e.headers ->> 'hash', l.event_hash) from guidanceflow.audit_log l " +
                             "left join guidanceflow.mt_events e on e.seq_id = l.seq order by l.seq", connection))
            await using (var reader = await read.ExecuteReaderAsync())
                while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3)));
            var head = "";
            foreach (var row in rows)
            {
                head = GlobalAuditLog.Link(head, row.Seq, row.Stream, row.Version, row.Hash);
                await using var update = new NpgsqlCommand("update guidanceflow.audit_log set event_hash = $2, chain = $3 where seq = $1", connection);
                update.Parameters.Add(new() { Value = row.Seq });
                update.Parameters.Add(new() { Value = row.Hash });
                update.Parameters.Add(new() { Value = head });
                await update.ExecuteNonQueryAsync();
            }
        }
        var recomputed = await Verify(saved);
        Assert.Equal([$"The global log was altered between sequence 0 and {saved.Sequence}: its chain no longer gives the head signed at {saved.SignedAt:u}."],
            recomputed.Findings);
    }

    [Fact]
    public async Task The_audit_verify_command_says_intact_or_names_what_changed()
    {
        var ids = await ThreeReviews();
        var file = Path.Combine(Path.GetTempPath(), $"checkpoint-{Guid.NewGuid():N}.json");
        await ViewsCaughtUp();
        await File.WriteAllTextAsync(file, await (await Api.Get("rachel.stone", "/api/audit/checkpoint")).Content.ReadAsStringAsync());
        var nodes = await NodesEverStarted();
        try
        {
            var (intact, intactLog) = await AppProcess.RunExpectingExitAsync(App.Postgres.ConnectionString, [], "audit-verify", file);
            Assert.True(intact == 0, intactLog);
            Assert.Contains($"Intact: all {await EveryEventCount()} events up to it are as they were.", intactLog);

            await Sql("delete from guidanceflow.mt_events where stream_id = $1", ids[1]);
            var (changed, changedLog) = await AppProcess.RunExpectingExitAsync(App.Postgres.ConnectionString, [], "audit-verify", file);
            Assert.True(changed == 2, changedLog);
            Assert.Contains($"Stream {ids[1]} was deleted: all 6 of its logged events are gone", changedLog);
            // The check only reads: it never joined the running instances (which would hand it projection shards and deadlines).
            Assert.Equal(nodes, await NodesEverStarted());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<long> Seq(Guid stream, long version)
    {
        await using var command = Host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select seq_id from guidanceflow.mt_events where stream_id = $1 and version = $2");
        command.Parameters.Add(new() { Value = stream });
        command.Parameters.Add(new() { Value = version });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

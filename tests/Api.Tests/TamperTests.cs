using GuidanceFlow.Workflows.Audit;
using Npgsql;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// The audit trail is tamper-evident: edit, delete or reorder stored events directly in PostgreSQL
/// and verification fails at the right event.
/// </summary>
public class TamperTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<Guid> ReviewWithHistory()
    {
        var view = await Api.ReviewInWindow("tom.hadley", "sunil.mehta");                       // versions 1-4
        await Api.Respond(view.Id, "tom.hadley", Api.Answer("1.1.1", "Met"));                     // 5
        await Api.Respond(view.Id, "sunil.mehta", Api.Answer("1.1.1", "NotMet", barriers: "Staff")); // 6
        await Api.CloseWindow(view.Id);                                                           // 7, 8
        return view.Id;
    }

    private async Task<ChainVerification> Verify(Guid id) =>
        await Api.Read<ChainVerification>(await Api.Get("rachel.stone", $"/api/reviews/{id}/verify"));

    private async Task Sql(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(App.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the tampering changed no row");
    }

    [Fact]
    public async Task An_untouched_history_verifies_end_to_end()
    {
        var id = await ReviewWithHistory();
        var result = await Verify(id);
        Assert.True(result.Intact);
        Assert.Equal(8, result.EventsChecked);
        Assert.Null(result.FirstBreak);
        await Api.Problem(await Api.Get("rachel.stone", $"/api/reviews/{Guid.NewGuid()}/verify"), 404);
        await Api.Problem(await Api.Get("tom.hadley", $"/api/reviews/{id}/verify"), 403);
    }

    [Fact]
    public async Task Editing_what_a_stakeholder_said_breaks_the_chain_at_that_event()
    {
        var id = await ReviewWithHistory();
        // (Marten stores event data with PascalCase keys.)
        await Sql("update guidanceflow.mt_events set data = jsonb_set(data, '{Responses,0,Compliance}', '\"Met\"') " +
                  "where stream_id = @id and version = 6 and data #>> '{Responses,0,Compliance}' = 'NotMet'", id);
        var result = await Verify(id);
        Assert.False(result.Intact);
        Assert.Equal(6, result.FirstBreak!.Version);
    }

    [Fact]
    public async Task Changing_who_acted_breaks_the_chain()
    {
        var id = await ReviewWithHistory();
        await Sql("update guidanceflow.mt_events set headers = jsonb_set(headers, '{actor-id}', '\"claire.baxter\"') " +
                  "where stream_id = @id and version = 5 and headers ->> 'actor-id' = 'tom.hadley'", id);
        Assert.Equal(5, (await Verify(id)).FirstBreak!.Version);
    }

    [Fact]
    public async Task Deleting_an_event_is_found_at_the_gap()
    {
        var id = await ReviewWithHistory();
        await Sql("delete from guidanceflow.mt_events where stream_id = @id and version = 5", id);
        var broken = (await Verify(id)).FirstBreak!;
        Assert.Equal(6, broken.Version);
        Assert.Contains("Version 5 is missing", broken.Reason);
    }

    [Fact]
    public async Task Deleting_the_last_events_and_renumbering_is_still_found()
    {
        var id = await ReviewWithHistory();
        // Remove Tom's response and close the gap, as a careful forger would.
        await Sql("delete from guidanceflow.mt_events where stream_id = @id and version = 5", id);
        await Sql("update guidanceflow.mt_events set version = version - 1 where stream_id = @id and version > 5", id);
        Assert.Equal(5, (await Verify(id)).FirstBreak!.Version);
    }

    [Fact]
    public async Task Reordering_two_events_breaks_the_chain_at_the_first_moved()
    {
        var id = await ReviewWithHistory();
        // Swap the contents of the two responses, keeping the positions.
        await Sql("""
            with a as (select seq_id, type, data, headers from guidanceflow.mt_events where stream_id = @id and version = 5),
                 b as (select seq_id, type, data, headers from guidanceflow.mt_events where stream_id = @id and version = 6)
            update guidanceflow.mt_events e
               set type = case when e.version = 5 then b.type else a.type end,
                   data = case when e.version = 5 then b.data else a.data end,
                   headers = case when e.version = 5 then b.headers else a.headers end
              from a, b
             where e.stream_id = @id and e.version in (5, 6)
            """, id);
        Assert.Equal(5, (await Verify(id)).FirstBreak!.Version);
    }

    [Fact]
    public async Task Backdating_an_event_is_found()
    {
        var id = await ReviewWithHistory();
        await Sql("update guidanceflow.mt_events set timestamp = timestamp - interval '3 days' where stream_id = @id and version = 7", id);
        var broken = (await Verify(id)).FirstBreak!;
        Assert.Equal(7, broken.Version);
        Assert.Contains("timestamp", broken.Reason);
    }
}

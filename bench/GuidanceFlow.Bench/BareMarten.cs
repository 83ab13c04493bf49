using JasperFx;
using Weasel.Core;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Bench;

/// <summary>
/// The library underneath, used as its documentation shows: a stream per review, FetchForWriting,
/// one appended event of the same size as a stakeholder's response, an inline single-stream
/// projection, SaveChanges. No validation, authorization, hash chain, outbox or HTTP.
/// </summary>
public sealed class BareMarten : IAsyncDisposable
{
    public sealed record AnswersGiven(string Stakeholder, int Round, IReadOnlyList<Answer> Answers);
    public sealed record Answer(string Number, string Compliance, string Practice, string? Barriers);
    public sealed record Tally(Guid Id, int Rounds, int Answers);

    public sealed class TallyProjection : SingleStreamProjection<Tally, Guid>
    {
        public override Tally? Evolve(Tally? tally, Guid id, IEvent e) => e.Data switch
        {
            AnswersGiven a => tally is null ? new Tally(id, 1, a.Answers.Count) : tally with { Rounds = tally.Rounds + 1, Answers = a.Answers.Count },
            _ => tally,
        };
    }

    private readonly DocumentStore _store;

    public BareMarten(string connectionString)
    {
        _store = DocumentStore.For(opts =>
        {
            opts.Connection(connectionString);
            opts.DatabaseSchemaName = "bare";
            opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
            opts.Events.StreamIdentity = StreamIdentity.AsGuid;
            opts.Projections.Add<TallyProjection>(ProjectionLifecycle.Inline);
        });
    }

    public async Task PrepareAsync() => await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

    public async Task<Guid> StartStreamAsync()
    {
        var id = Guid.NewGuid();
        await using var session = _store.LightweightSession();
        session.Events.StartStream<Tally>(id, Given("setup", 0, 3));
        await session.SaveChangesAsync();
        return id;
    }

    public async Task AppendAsync(Guid id, string stakeholder, int answers, int round)
    {
        await using var session = _store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Tally>(id);
        stream.AppendOne(Given(stakeholder, round, answers));
        await session.SaveChangesAsync();
    }

    public static AnswersGiven Given(string stakeholder, int round, int answers) => new(stakeholder, round,
        Enumerable.Range(1, answers).Select(n => new Answer($"1.{n / 10 + 1}.{n % 10 + 1}", (round + n) % 3 == 0 ? "PartiallyMet" : "Met",
            $"Current practice described in round {round} for recommendation {n}.", round % 2 == 0 ? "Staffing in the community team" : null)).ToList());

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}

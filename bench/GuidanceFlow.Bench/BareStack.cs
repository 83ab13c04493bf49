using System.Net.Http.Json;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Quartz;
using Weasel.Core;
using Wolverine;
using Wolverine.Marten;

namespace GuidanceFlow.Bench;

/// <summary>
/// The stack the design fixes, with none of GuidanceFlow's code: ASP.NET Core, Wolverine with Marten's
/// durable outbox and transactions, Marten with the same inline projection as <see cref="BareMarten"/>,
/// and a clustered Quartz scheduler on PostgreSQL — as their documentation sets them up. One route
/// appends a response-sized event through a Wolverine handler. It is the floor under GuidanceFlow's
/// start-up and its writes over HTTP: no validation, authorization, hash chain, views or emails.
/// Run as its own process: this suite's executable with `--bare-stack &lt;connection string&gt;`.
/// </summary>
public static class BareStack
{
    public sealed record GiveAnswers(Guid Id, BareMarten.AnswersGiven Answers);

    public static class GiveAnswersHandler
    {
        public static async Task Handle(GiveAnswers command, IDocumentSession session)
        {
            var stream = await session.Events.FetchForWriting<BareMarten.Tally>(command.Id);
            stream.AppendOne(command.Answers);
        }
    }

    public static async Task RunAsync(string connectionString)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMarten(opts =>
            {
                opts.Connection(connectionString);
                opts.DatabaseSchemaName = "barestack";
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                opts.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;
                opts.Projections.Add<BareMarten.TallyProjection>(ProjectionLifecycle.Inline);
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        builder.Host.UseWolverine(opts =>
        {
            opts.UseRuntimeCompilation();
            opts.Discovery.DisableConventionalDiscovery().IncludeType(typeof(GiveAnswersHandler));
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
        });
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => { s.InstanceName = "BareStack"; s.GenerateInstanceId = true; });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
                store.ConfigureStore(o => o.TablePrefix = "qrtz_");
                store.ProvisionSchema();
            });
        });
        builder.Services.AddQuartzHostedService();
        var app = builder.Build();
        app.MapGet("/health", () => "Healthy");
        app.MapPost("/streams", async (IDocumentStore store) =>
        {
            var id = Guid.NewGuid();
            await using var session = store.LightweightSession();
            session.Events.StartStream<BareMarten.Tally>(id, BareMarten.Given("setup", 0, 3));
            await session.SaveChangesAsync();
            return Results.Ok(id);
        });
        app.MapPut("/streams/{id:guid}", async (Guid id, BareMarten.AnswersGiven answers, IMessageBus bus) =>
        {
            await bus.InvokeAsync(new GiveAnswers(id, answers));
            return Results.NoContent();
        });
        await app.RunAsync();
    }

    /// <summary>The suite's side: starting streams and appending to them over HTTP.</summary>
    public sealed class Client(Uri address) : IDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

        public async Task<Guid> StartStreamAsync()
        {
            using var response = await _http.PostAsync("/streams", null);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<Guid>();
        }

        public async Task AppendAsync(Guid id, string stakeholder, int answers, int round)
        {
            using var response = await _http.PutAsJsonAsync($"/streams/{id}", BareMarten.Given(stakeholder, round, answers));
            response.EnsureSuccessStatusCode();
        }

        public void Dispose() => _http.Dispose();
    }
}

using GuidanceFlow.Api.Infrastructure;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
var seeding = args.FirstOrDefault() == "seed-demo";
var verifying = args.FirstOrDefault() == "audit-verify";
// Seeding and verifying run the app's own host briefly; they must not take the port of an app already running.
if (seeding || verifying) builder.WebHost.UseUrls("http://127.0.0.1:0");

// With no connection string configured, GuidanceFlow runs its own PostgreSQL cluster from the
// installed server binaries, kept under .data/ beside the app and stopped on shutdown.
LocalPostgres? localPostgres = null;
var connectionString = builder.Configuration.GetConnectionString(GuidanceFlowSetup.ConnectionName);
if (string.IsNullOrWhiteSpace(connectionString))
{
    try
    {
        var root = builder.Configuration["LocalPostgres:Directory"]
                   ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "postgres");
        localPostgres = await LocalPostgres.StartPersistentAsync(root);
        connectionString = localPostgres.ConnectionString;
        Console.WriteLine($"GuidanceFlow: local PostgreSQL started on 127.0.0.1:{localPostgres.Port} (data in {localPostgres.DataDirectory}).");
    }
    catch (LocalPostgresUnavailable e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

try
{
    builder.AddGuidanceFlow(connectionString);
    var app = builder.Build();
    app.MapGuidanceFlow();

    if (seeding)
    {
        await app.StartAsync();
        await DemoData.SeedAsync(app.Services, Console.Out);
        await app.StopAsync();
        return 0;
    }

    if (verifying)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("Usage: dotnet run --project src/Api -- audit-verify <checkpoint.json>  (a checkpoint saved from GET /api/audit/checkpoint)");
            return 64;
        }
        // Not started: the check reads the database and nothing else. A started host would join the running
        // instances as a node, be handed projection shards and deadlines for its few seconds, and hand them back.
        return await AuditVerifyCommand.RunAsync(app.Services, args[1], Console.Out);
    }

    // Plain `run`: straight to serving (the command line's discovery of commands costs start-up time).
    if (args.Length == 0)
    {
        await app.RunAsync();
        return 0;
    }
    // Otherwise JasperFx's commands, e.g. `-- db-apply` to create or migrate the schema ahead of time.
    return await app.RunJasperFxCommands(args);
}
finally
{
    if (localPostgres is not null) await localPostgres.DisposeAsync();
}

public partial class Program;

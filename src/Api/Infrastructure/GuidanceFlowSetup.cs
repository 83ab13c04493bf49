using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Pages;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using GuidanceFlow.Projections.Views;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using GuidanceFlow.Workflows.Notifications;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Groups;
using GuidanceFlow.Workflows.Scheduling;
using Quartz;
using Microsoft.Extensions.Options;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using JasperFx.Resources;

namespace GuidanceFlow.Api.Infrastructure;

public static class GuidanceFlowSetup
{
    public const string ConnectionName = "GuidanceFlow";

    /// <summary>Registers everything GuidanceFlow runs on, against the given PostgreSQL database.</summary>
    public static void AddGuidanceFlow(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        services.AddSingleton(new DatabaseConnection(connectionString));
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(TimeProvider.System);

        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => ApiContract.Configure(o, builder.Environment.IsDevelopment()));
        builder.AddOperations();
        // Text answers compressed: the API's JSON and exports, our scripts and styles. Never a page: pages carry
        // antiforgery tokens beside what people typed, which is what BREACH-style guessing needs (SECURITY.md).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "application/problem+json", "application/jsonl", "text/csv", "text/css",
                "text/javascript", "application/javascript", "image/svg+xml"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o =>
            o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddWriteRateLimits(builder.Configuration);
        var maxBody = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", 1_048_576L);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        services.Configure<BodyLimitOptions>(o => o.MaxBytes = maxBody);

        GuidanceFlow.Workflows.Validation.ValidationMessages.Configure();
        services.AddValidatorsFromAssemblyContaining<CreateGridValidator>(ServiceLifetime.Singleton);
        services.AddScoped<CommandDispatcher>();
        services.AddSingleton<GuidanceFlow.Api.Endpoints.CatalogueAdmins>();
        services.AddSingleton<GuidanceFlow.Api.Library.LibraryEditors>();
        services.AddScoped<GuidanceFlow.Api.Library.LibraryAccess>();
        services.AddSingleton<GuidanceFlow.Api.Queries.LibrarySearch>();
        services.AddHttpContextAccessor();
        services.AddScoped<Access>();
        services.AddSingleton<GuidanceFlow.Api.Queries.SharedViewBodies>();
        services.AddSingleton<GuidanceFlow.Workflows.People.IPeopleDirectory, PeopleDirectory>();
        services.AddSingleton<PeopleRecorder>();
        services.AddSingleton<GroupBootstrap>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupBootstrap>());
        // After the groups: the NHS structure file places them.
        services.AddSingleton<GuidanceFlow.Workflows.Benchmarking.StructureBootstrap>();
        services.AddHostedService(sp => sp.GetRequiredService<GuidanceFlow.Workflows.Benchmarking.StructureBootstrap>());
        services.AddScoped<GuidanceFlow.Api.Benchmarking.BenchmarkQueries>();

        builder.AddGuidanceFlowSignIn();
        builder.AddGuidanceFlowPages();

        // Production can apply the schema ahead of time (`-- db-apply`) and run without DDL rights.
        var applySchema = builder.Configuration.GetValue("GuidanceFlow:ApplySchemaOnStartup", true);

        var marten = services.AddMarten(opts =>
            {
                opts.AutoCreateSchemaObjects = applySchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                StoreBasics(opts, connectionString);
                // Per-review views are inline: consistent on read right after a write.
                opts.Projections.Add<ReviewViewProjection>(ProjectionLifecycle.Inline);
                // The write model is stored with its events, so a command reads one row, not the stream.
                // Review is immutable: the fetched state can be reused by the inline projection as is.
                opts.Projections.Add<ReviewAggregation>(ProjectionLifecycle.Inline);
                // What the access rule reads: a small card, so checking access never reads a large view.
                opts.Projections.Add<ReviewAccessCardProjection>(ProjectionLifecycle.Inline);
                // The national catalogue of NICE products: each product's current version stored with its events.
                opts.Projections.Add<GuidanceFlow.Projections.Catalogue.GuidanceProductAggregation>(ProjectionLifecycle.Inline);
                // Each group's triage of each product: its state stored with its events, and the row its queue reads.
                opts.Projections.Add<GuidanceFlow.Projections.Triage.TriageItemAggregation>(ProjectionLifecycle.Inline);
                // The learning library: each entry's state stored with its events, and the search index beside it (both inline).
                opts.Projections.Add<GuidanceFlow.Projections.Library.LibraryEntryAggregation>(ProjectionLifecycle.Inline);
                opts.Projections.Add(new GuidanceFlow.Projections.Library.LibrarySearchIndex(opts.DatabaseSchemaName), ProjectionLifecycle.Inline);
                // What each person and group follows, and each person's digest for each week (its id is the "never twice").
                opts.Projections.Add<GuidanceFlow.Projections.Library.FollowingAggregation>(ProjectionLifecycle.Inline);
                opts.Schema.For<GuidanceFlow.Workflows.Library.LibraryDigestSent>();
                opts.Schema.For<GuidanceFlow.Workflows.Library.LibrarySecret>();
                opts.Storage.ExtendedSchemaObjects.AddRange(GuidanceFlow.Projections.Library.LibrarySearchIndex.Schema(opts.DatabaseSchemaName));
                // The moderation queue (by status, longest waiting first) and "my submissions" (by author, or by group).
                opts.Schema.For<GuidanceFlow.Domain.Library.LibraryEntry>()
                    .Duplicate(x => x.Status, configure: i => i.Columns = ["status", "last_changed_at"])
                    .Duplicate(x => x.LastChangedAt, configure: i => i.Columns = ["last_changed_at"])
                    .Duplicate(x => x.AuthorUserId).Duplicate(x => x.Group);
                // Benchmarking: the NHS structure (inline, read by every comparison), and each review's and triage's facts with each
                // group's sums per quarter (async, off the write path).
                opts.Projections.Add<GuidanceFlow.Projections.Benchmarking.NhsStructureAggregation>(ProjectionLifecycle.Inline);
                // Improvement projects: each project's state stored with its events; a group's projects found by group, latest change first.
                opts.Projections.Add<GuidanceFlow.Projections.Improvement.ImprovementProjectAggregation>(ProjectionLifecycle.Inline);
                opts.Schema.For<GuidanceFlow.Domain.Improvement.ImprovementProject>()
                    .Duplicate(x => x.Group, configure: i => i.Columns = ["group", "last_changed_at"])
                    .Duplicate(x => x.LastChangedAt, configure: i => i.Columns = ["last_changed_at"]);
                opts.Projections.Add(new GuidanceFlow.Projections.Benchmarking.BenchmarkProjection(opts.DatabaseSchemaName), ProjectionLifecycle.Async,
                    "Benchmarks");
                opts.Storage.ExtendedSchemaObjects.AddRange(GuidanceFlow.Projections.Benchmarking.BenchmarkProjection.Schema(opts.DatabaseSchemaName));
                // A guidance's reviews for its national picture; a group's latest reviews for its dashboard (one index: filter and sort).
                opts.Schema.For<GuidanceFlow.Domain.Benchmarking.ReviewBenchmark>().Duplicate(x => x.Guidance)
                    .Duplicate(x => x.Group, configure: i => i.Columns = ["group", "opened_at"])
                    .Duplicate(x => x.OpenedAt, configure: i => i.Columns = ["opened_at"]);
                opts.Schema.For<GuidanceFlow.Domain.Benchmarking.TriageBenchmark>();
                opts.Events.UseIdentityMapForAggregates = true;
                // The async daemon polls rather than being woken by each append (UseListenNotifyForEventAppends):
                // measured in bench/, waking per append cut the register's lag from ~1 s to ~0.06 s at 100 writes/s
                // but cost a quarter of the write throughput and five times the round trips per write.
                // Polled often enough that a register row shows a write within a second (bench/: async lag p99
                // at 100 writes/s; the default 1 s between polls when the daemon sees little activity gave ~1.03 s).
                opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(400);
                // Cross-review views: built by the async daemon, off the write path.
                opts.Projections.Add<RegisterProjection>(ProjectionLifecycle.Async);
                opts.Projections.Add<InboxProjection>(ProjectionLifecycle.Async);
                opts.Projections.Add<DecisionAuditProjection>(ProjectionLifecycle.Async);
                opts.Projections.Add<FinanceProjection>(ProjectionLifecycle.Async);
                // Time travel: the shared view at every hundredth version of a review.
                opts.Projections.Add(new ReviewViewSnapshotProjection(), ProjectionLifecycle.Async, "ReviewViewSnapshots");
                opts.Schema.For<ReviewViewSnapshot>().Index(x => x.ReviewId);
                // The register's filters and sort keys as real columns: a group's reviews are found by the
                // index on Group, then sorted and counted on typed columns rather than on JSON parsed per row.
                opts.Schema.For<RegisterEntry>()
                    .Duplicate(x => x.Group).Duplicate(x => x.OpenedAt).Duplicate(x => x.PublishedOn)
                    .Duplicate(x => x.NextDeadline).Duplicate(x => x.Status).Duplicate(x => x.GuidanceType)
                    .Duplicate(x => x.GuidanceId).Duplicate(x => x.Title);
                // Free text (`?q=`) matches anywhere in the guidance id or title: trigram indexes let PostgreSQL find
                // those rows and intersect them with the group's, where the sort index alone walked past other
                // groups' rows (bench/: `?q=NG9` p99 427 ms at 60,000 reviews).
                opts.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
                var searchedText = new Dictionary<Type, string[]>
                {
                    [typeof(RegisterEntry)] = ["guidance_id", "title"],
                    [typeof(GuidanceFlow.Domain.Catalogue.GuidanceProduct)] = ["guidance_number", "title"],
                };
                opts.Policies.ForAllDocuments(mapping =>
                {
                    if (!searchedText.TryGetValue(mapping.DocumentType, out var columns)) return;
                    foreach (var column in columns)
                        mapping.Indexes.Add(new IndexDefinition($"{mapping.TableName.Name}_trgm_{column}")
                            { Method = IndexMethod.gin, Mask = "? gin_trgm_ops" }.AgainstColumns(column));
                });
                // The catalogue is browsed by number, type, publication date and title.
                opts.Schema.For<GuidanceFlow.Domain.Catalogue.GuidanceProduct>()
                    .Duplicate(x => x.GuidanceNumber).Duplicate(x => x.Type).Duplicate(x => x.Issued).Duplicate(x => x.Title);
                // A group's queue: its items by status, soonest due first (one index serves the filter and the sort).
                opts.Schema.For<GuidanceFlow.Domain.Triage.TriageItem>()
                    .Duplicate(x => x.Group, configure: i => i.Columns = ["group", "status", "due_at"])
                    .Duplicate(x => x.Status, configure: i => i.Columns = ["status"])
                    .Duplicate(x => x.DueAt, configure: i => i.Columns = ["due_at"]);
                opts.Schema.For<ReviewInbox>().GinIndexJsonData();
                opts.Schema.For<DecisionRecord>().Index(x => x.DecidedAt);
                opts.Schema.For<ReviewFinance>().Index(x => x.Group);
                // Loaded, changed and stored by its admins: a store fails if someone else stored it in between.
                opts.Schema.For<GuidanceFlow.Workflows.Groups.ImplementationGroup>().UseOptimisticConcurrency(true)
                    .GinIndexJsonData(); // "the groups I belong to" is a containment query on MemberIds
                opts.Schema.For<GuidanceFlow.Workflows.People.Person>().Index(x => x.OrganisationCode).Index(x => x.Organisation);
                opts.Schema.For<ScheduledDeadline>().Index(x => x.FireAt).Index(x => x.ReviewId);
                opts.Schema.For<GuidanceFlow.Workflows.Catalogue.CatalogueImportRun>().Index(x => x.StartedAt);
                // Idempotency-Key: the keys (marked committed by each handler's own write: IdempotentWrite).
                opts.Storage.ExtendedSchemaObjects.Add(Idempotency.Schema(opts.DatabaseSchemaName));
                // Webhooks: the subscriptions, and the deliveries owed to them (written by the fan-out below).
                opts.Schema.For<GuidanceFlow.Api.Webhooks.WebhookSubscription>().Index(x => x.Group);
                opts.Storage.ExtendedSchemaObjects.AddRange(GuidanceFlow.Api.Webhooks.WebhookTables.Schema(opts.DatabaseSchemaName));
                opts.Events.Subscribe(new GuidanceFlow.Api.Webhooks.WebhookFanOut(opts.DatabaseSchemaName));
                // The global audit log and its signed checkpoints.
                opts.Storage.ExtendedSchemaObjects.AddRange(GlobalAuditLog.SchemaObjects());
            })
            .UseLightweightSessions()
            // Async projections are distributed by Wolverine across the running instances (each shard
            // on exactly one node, reassigned when a node stops). See README "Running the projections".
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true);
        if (applySchema) marten.ApplyAllDatabaseChangesOnStartup();
        // After the schema is in place and before requests: reviews written before the write model was stored get it.
        services.AddHostedService<WriteModelBackfill>();

        builder.Host.UseWolverine(opts =>
        {
            // Handler code is generated ahead of time (src/Api/Internal/Generated, `-- codegen write`) and compiled in:
            // no compiler is loaded at run time (about 170 MB less memory). GeneratedCodeTests fails when it is stale.
            // The runtime compiler stays registered for the `codegen` command itself.
            opts.UseRuntimeCompilation();
            opts.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
            opts.Discovery.IncludeAssembly(typeof(ReviewWriter).Assembly);
            opts.Policies.AutoApplyTransactions();
            // Every command with a validator is validated before its handler, whoever sends it.
            opts.Policies.Add(new GuidanceFlow.Workflows.Validation.ValidateCommands());
            // Deadline sync, deadline commands and emails go through local queues persisted in
            // PostgreSQL: committed with the events, recovered by another node if one dies.
            opts.Policies.UseDurableLocalQueues();
            // Nodes check in (and the leader hands out projection work) promptly after start-up. An instance
            // that dies without a word (kill -9, a lost machine) is declared stale after 10 s without a
            // heartbeat and ejected on the next check: its queued messages and projection work move to a
            // healthy instance within about 20 s (README "Several instances"; FailoverTests).
            opts.Durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(1);
            opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(3);
            opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(10);
            opts.Durability.NodeReassignmentPollingTime = TimeSpan.FromSeconds(3);
            // A queued message can be left with a live instance that no longer holds it in memory: its transaction
            // committed as the database crashed and the acknowledgement never arrived, so the instance never queued
            // it (seen in the fault run). Any message still waiting two minutes after it was queued is released to
            // every instance. Each queued handler is idempotent (an email checks its SentEmail record, a deadline
            // acts once, a sync or triage repeat changes nothing), so a rare second run is harmless
            // (StrandedMessageTests).
            opts.Durability.InboxStaleTime = TimeSpan.FromMinutes(2);
            // Two writers on one review at the same instant: try again against the new state, a little later each
            // time, so a burst of responses to one review (every write now also queues its receipt email) drains
            // rather than colliding again at once. After these, the writer is told 409.
            opts.Policies.OnException<ConcurrencyException>().RetryWithCooldown(
                TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(40),
                TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(320));
            // Two transactions deadlocked (or one failed serialization) and PostgreSQL rolled one back: it runs again the same way.
            opts.Policies.OnException(GuidanceFlow.Workflows.DatabaseConflict.Is, "two writers met in the database").RetryWithCooldown(
                TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(320));
            // The database down or restarting: retried, never dead-lettered for it (see DatabaseOutage).
            opts.Policies.Add(new GuidanceFlow.Workflows.RideOutDatabaseOutages());
            if (applySchema) opts.Services.AddResourceSetupOnStartup();
        });

        AddDeadlines(builder, connectionString, applySchema);
        AddWebhooks(builder);
    }

    private static void AddWebhooks(WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Webhooks");
        builder.Services.Configure<GuidanceFlow.Api.Webhooks.WebhookSettings>(settings);
        builder.Services.AddHttpClient(GuidanceFlow.Api.Webhooks.WebhookSender.Client)
            .ConfigurePrimaryHttpMessageHandler(sp => GuidanceFlow.Api.Webhooks.WebhookSender.Handler(
                sp.GetRequiredService<IOptions<GuidanceFlow.Api.Webhooks.WebhookSettings>>().Value))
            // The sender applies its own timeout per attempt.
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddHostedService<GuidanceFlow.Api.Webhooks.WebhookSender>();
    }

    private static void AddDeadlines(WebApplicationBuilder builder, string connectionString, bool applySchema)
    {
        var services = builder.Services;
        var scheduler = builder.Configuration.GetSection("Scheduler");
        services.AddSingleton<DeadlinePolicies>();
        services.AddSingleton<ReviewNotifications>();
        services.AddSingleton<AuditChain>();
        services.AddSingleton(_ => LoadCheckpointKey(builder.Configuration, builder.Environment));
        services.AddSingleton<GlobalAuditLog>();
        services.AddHostedService<AuditLogExtender>();
        services.AddSingleton<ReviewWriter>();
        services.AddSingleton<DeadlineScheduler>();
        services.AddSingleton<GuidanceFlow.Workflows.Triage.TriagePolicies>();
        services.AddSingleton<GuidanceFlow.Workflows.Triage.TriageNotifications>();
        services.AddSingleton<GuidanceFlow.Workflows.Triage.TriageWriter>();
        services.AddSingleton<GuidanceFlow.Workflows.Library.LibraryWriter>();
        services.AddSingleton<GuidanceFlow.Workflows.Library.DigestLinks>();
        services.AddTransient<GuidanceFlow.Workflows.Library.LibraryDigest>();
        services.AddSingleton<GuidanceFlow.Workflows.Triage.TriageScheduler>();
        GuidanceFlow.Workflows.Catalogue.NiceSyndicationClient.Register(services, builder.Configuration);
        services.AddTransient<GuidanceFlow.Workflows.Catalogue.CatalogueImport>();
        services.AddSingleton<DeadlineReconciliation>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineReconciliation>());
        services.Configure<MailSettings>(builder.Configuration.GetSection("Mail"));
        services.PostConfigure<MailSettings>(m =>
            m.PickupDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, m.PickupDirectory)));

        // Quartz keeps its triggers in GuidanceFlow's own database (qrtz_ tables), clustered so that
        // several app instances share them and each trigger fires on exactly one.
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "GuidanceFlow";
                // Each instance needs its own id in the cluster: generated, or named by the operator (Scheduler__InstanceId).
                if (scheduler["InstanceId"] is { Length: > 0 } instanceId) s.InstanceId = instanceId;
                else s.GenerateInstanceId = true;
                s.IdleWaitTime = TimeSpan.FromSeconds(scheduler.GetValue("IdleWaitSeconds", 5.0));
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    // A dead instance's triggers are taken over once it has missed check-ins for 15 s.
                    c.CheckinInterval = TimeSpan.FromSeconds(scheduler.GetValue("CheckinSeconds", 5.0));
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(scheduler.GetValue("CheckinMisfireSeconds", 15.0));
                });
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = "qrtz_";
                    o.MisfireThreshold = TimeSpan.FromSeconds(scheduler.GetValue("MisfireThresholdSeconds", 60.0));
                });
                if (applySchema) store.ProvisionSchema();
            });
            q.AddJob<DeadlineJob>(j => j.WithIdentity(DeadlineScheduler.Job).StoreDurably().RequestRecovery());
            q.AddJob<GuidanceFlow.Workflows.Triage.TriageDeadlineJob>(j =>
                j.WithIdentity(GuidanceFlow.Workflows.Triage.TriageScheduler.Job).StoreDurably().RequestRecovery());
            // The import from NICE: "check now" at any time, and on a schedule once a key is configured
            // (daily at 06:00 UK time unless Nice__ImportCron says otherwise).
            q.AddJob<GuidanceFlow.Workflows.Catalogue.CatalogueImportJob>(j =>
                j.WithIdentity(GuidanceFlow.Workflows.Catalogue.CatalogueImportJob.Key).StoreDurably());
            // The library's weekly digest: Mondays at 07:00 UK time unless Library__DigestCron says otherwise.
            q.AddJob<GuidanceFlow.Workflows.Library.LibraryDigestJob>(j =>
                j.WithIdentity(GuidanceFlow.Workflows.Library.LibraryDigestJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(GuidanceFlow.Workflows.Library.LibraryDigestJob.Key)
                .WithIdentity("library-digest-weekly", "guidanceflow")
                .WithCronSchedule(builder.Configuration["Library:DigestCron"] ?? GuidanceFlow.Workflows.Library.LibraryDigestJob.DefaultCron,
                    c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))));
            var nice = builder.Configuration.GetSection("Nice");
            if (!string.IsNullOrWhiteSpace(nice["BaseUrl"]) && !string.IsNullOrWhiteSpace(nice["ApiKey"]))
                q.AddTrigger(t => t.ForJob(GuidanceFlow.Workflows.Catalogue.CatalogueImportJob.Key)
                    .WithIdentity("catalogue-import-scheduled", "guidanceflow")
                    .WithCronSchedule(nice["ImportCron"] ?? GuidanceFlow.Workflows.Catalogue.NiceSettings.DefaultImportCron,
                        c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))));
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>
    /// The Ed25519 key that signs audit checkpoints: Audit__SigningKey (32 bytes, base64) — the same on
    /// every instance. Without one, a key is generated once and kept in .data/audit-signing-key (git-ignored).
    /// </summary>
    private static CheckpointKey LoadCheckpointKey(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["Audit:SigningKey"] is { Length: > 0 } configured)
        {
            try
            {
                return new CheckpointKey(Convert.FromBase64String(configured));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException("Audit__SigningKey must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`).", e);
            }
        }
        var path = Path.Combine(environment.ContentRootPath, ".data", "audit-signing-key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = $"{path}.{Guid.NewGuid():N}";
            File.WriteAllText(partial, Convert.ToBase64String(CheckpointKey.NewSeed()));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(partial, path, overwrite: false); // another instance sharing the directory may have been first
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(partial);
            }
        }
        return new CheckpointKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    /// <summary>
    /// How the store is laid out and events are kept — schema, serialization, stream ids, metadata — for the app and for anything
    /// that writes to the same store beside it (the benchmark suite's generated history).
    /// </summary>
    public static void StoreBasics(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = "guidanceflow";
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        // Enum columns sort and compare as the JSON does: by name.
        opts.Advanced.DuplicatedFieldEnumStorage = EnumStorage.AsString;
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Who acted is kept with every event: user name plus actor headers.
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        // HTML-sensitive characters (< > & ' ") leave as \u escapes: JSON pasted into a page stays inert.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        // A number is sent as a JSON number, never as a string: what the OpenAPI document declares.
        options.NumberHandling = JsonNumberHandling.Strict;
        // {"version":1,"version":null} would otherwise quietly take the last: refuse it.
        options.AllowDuplicateProperties = false;
    }

    /// <summary>A request for a page (not the API, its OpenAPI document, health or a static file).</summary>
    internal static bool IsPage(HttpContext c) =>
        !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/openapi")
        && !c.Request.Path.StartsWithSegments("/health");

    /// <summary>Making a webhook: the answer holds its secret beside the URL the caller sent, so it is never compressed.</summary>
    private static bool CarriesSecret(HttpContext c) =>
        HttpMethods.IsPost(c.Request.Method) && c.Request.Path.StartsWithSegments("/api/groups")
        && c.Request.Path.Value?.TrimEnd('/').EndsWith("/webhooks", StringComparison.Ordinal) == true;

    private static bool IsAsset(HttpContext c) =>
        c.Request.Path.StartsWithSegments("/app") || c.Request.Path.StartsWithSegments("/nhsuk") || c.Request.Path.StartsWithSegments("/assets");

    public static void MapGuidanceFlow(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // The API answers errors with problem details; pages show an NHS-styled page instead.
        app.UseWhen(c => !IsPage(c), api => api.UseExceptionHandler());
        app.UseWhen(IsPage, pages => pages.UseExceptionHandler("/error/500"));
        app.UseWhen(c => !IsPage(c), api => api.UseStatusCodePages());
        app.UseWhen(IsPage, pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(c => (!IsPage(c) || IsAsset(c)) && !CarriesSecret(c), compressed => compressed.UseResponseCompression());
        app.UseFrontendAssets();
        // Routing after the status code pages, so a re-executed /error/{code} finds its page.
        app.UseRouting();
        app.UseBodyLimit(app.Services.GetRequiredService<IOptions<BodyLimitOptions>>().Value.MaxBytes);
        app.UseAuthentication();
        app.UsePeopleDirectory();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRequestShape();
        app.UseIdempotencyKeys();

        // The API description is public only on a developer's machine; elsewhere it needs sign-in.
        var openApi = app.MapOpenApi();
        if (app.Environment.IsDevelopment()) openApi.AllowAnonymous();
        app.MapHealth();
        app.MapRazorPages();

        app.MapReviewCommands();
        app.MapReviewQueries();
        app.MapDeadlines();
        app.MapInboxes();
        app.MapAudit();
        app.MapFinance();
        app.MapGroups();
        app.MapCatalogue();
        app.MapTriage();
        app.MapBaseline();
        app.MapCatalogueImport();
        app.MapWebhooks();
        app.MapEventFeed();
        app.MapLibrary();
        app.MapLibraryFollowing();
        app.MapBenchmarking();
        app.MapProjects();
    }
}

public sealed class BodyLimitOptions
{
    public long MaxBytes { get; set; } = 1_048_576;
}

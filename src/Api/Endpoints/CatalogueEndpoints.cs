using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Catalogue;
using Marten;
using Wolverine;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>One product in a catalogue listing.</summary>
public sealed class CatalogueItem
{
    public string GuidanceNumber { get; init; } = "";
    public GuidanceType Type { get; init; }
    public string Title { get; init; } = "";
    public DateOnly Issued { get; init; }
    public DateTimeOffset LastModified { get; init; }
    public int Version { get; init; }
    public GuidanceProductStatus Status { get; init; }
}

public sealed record CataloguePage(IReadOnlyList<CatalogueItem> Items, int Page, int PageSize, int Total);

/// <summary>A version of a product: when NICE last changed it, where it came from, and what changed.</summary>
public sealed record CatalogueVersion(int Version, DateTimeOffset LastModified, string Source, string RecordedBy, string Summary,
    IReadOnlyList<RecommendationChange> Changes);

public sealed record CatalogueProduct(GuidanceProduct Product, IReadOnlyList<CatalogueVersion> Versions);

/// <summary>NICE withdrew a product, perhaps replacing it with another.</summary>
public sealed record WithdrawalRequest(DateOnly? On = null, string? ReplacedBy = null);

/// <summary>Who may add to the national catalogue: the user ids in Catalogue:Admins (configuration, never a request).</summary>
public sealed class CatalogueAdmins(IConfiguration configuration)
{
    public bool Includes(string userId) =>
        configuration.GetSection("Catalogue:Admins").Get<string[]>()?.Contains(userId, StringComparer.Ordinal) == true;

    public const string Refusal = "Only the catalogue's administrators (Catalogue:Admins) can add NICE documents to the national catalogue.";
}

/// <summary>
/// The national catalogue of NICE products, shared by every group: anyone signed in browses and searches
/// it and sees a product's versions and recommendations; its administrators add NICE's structured
/// documents (the syndication API's JSON) by upload.
/// </summary>
public static class CatalogueEndpoints
{
    public static void MapCatalogue(this IEndpointRouteBuilder app)
    {
        var catalogue = app.MapGroup("/api/catalogue").WithTags("Catalogue").RequireAuthorization();

        catalogue.MapGet("", async (IQuerySession query, string? q, GuidanceType? type, DateOnly? publishedFrom, DateOnly? publishedTo,
                int? page, int? pageSize, CancellationToken ct) =>
                Results.Ok(await GuidanceFlow.Api.Queries.CatalogueQuery.SearchAsync(query, new(q, type, publishedFrom, publishedTo),
                    page ?? 1, pageSize ?? 25, ct)))
            .WithSummary("The national catalogue of NICE products: search by number or title, filter by type and publication dates; newest first")
            .Produces<CataloguePage>().ProducesValidationProblem();

        catalogue.MapGet("/{number}", async (string number, IQuerySession query, CancellationToken ct) =>
            {
                if (!GuidanceProduct.IsGuidanceNumber(number))
                    return Problems.Validation("number", "Give a NICE guidance number: letters then digits, for example NG136.");
                var product = await GuidanceFlow.Api.Queries.CatalogueQuery.ProductAsync(query, number, ct);
                if (product is null) return Problems.NotFound($"The catalogue has no NICE product {GuidanceProduct.Normalise(number)}.");
                return Results.Ok(product);
            })
            .WithSummary("A NICE product in the catalogue: its current recommendations (with year tag and strength) and every version with its changes")
            .Produces<CatalogueProduct>().ProducesProblem(404);

        catalogue.MapPost("/{number}/withdrawal", async (string number, WithdrawalRequest? body, ClaimsPrincipal user, CatalogueAdmins admins,
                CommandDispatcher commands, IQuerySession query, TimeProvider clock, CancellationToken ct) =>
            {
                if (!admins.Includes(user.UserId())) return Problems.Forbidden(CatalogueAdmins.Refusal);
                if (!GuidanceProduct.IsGuidanceNumber(number))
                    return Problems.Validation("number", "Give a NICE guidance number: letters then digits, for example NG136.");
                var id = GuidanceProduct.IdFor(number);
                if (await query.LoadAsync<GuidanceProduct>(id, ct) is null)
                    return Problems.NotFound($"The catalogue has no NICE product {GuidanceProduct.Normalise(number)}.");
                var command = new WithdrawGuidance(id, body?.On ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), body?.ReplacedBy,
                    user.ToActor("CatalogueAdmin"));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                return Results.Ok(await GuidanceFlow.Api.Queries.CatalogueQuery.ProductAsync(query, number, ct));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Record that NICE withdrew a product, and what replaced it if anything (catalogue administrators; the import does it for products NICE stops listing)")
            .Produces<CatalogueProduct>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        catalogue.MapPost("/documents", async (HttpRequest request, ClaimsPrincipal user, CatalogueAdmins admins, IMessageBus bus,
                CancellationToken ct) =>
            {
                if (!admins.Includes(user.UserId())) return Problems.Forbidden(CatalogueAdmins.Refusal);
                if (!request.HasJsonContentType())
                    return Results.Problem(statusCode: 415, title: "Unsupported media type",
                        detail: "Send NICE's structured document as JSON (Content-Type: application/json).");
                using var reader = new StreamReader(request.Body);
                var parsed = NiceDocuments.Parse(await reader.ReadToEndAsync(ct));
                if (!parsed.IsUsable) return Problems.Validation(new Dictionary<string, string[]> { ["document"] = [.. parsed.Problems] });
                var recorded = await bus.InvokeAsync<CatalogueVersionRecorded>(
                    new RecordGuidanceVersion(parsed.Document!, "upload", user.ToActor("CatalogueAdmin")), ct);
                var location = $"/api/catalogue/{recorded.GuidanceNumber}";
                return recorded.Appended ? Results.Created(location, recorded) : Results.Ok(recorded);
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .Accepts<object>("application/json")
            .WithSummary("Add a NICE structured document (the syndication API's JSON) to the catalogue: a new product, a new version, or nothing if already recorded (catalogue administrators only)")
            .Produces<CatalogueVersionRecorded>(200).Produces<CatalogueVersionRecorded>(201).ProducesValidationProblem()
            .ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);
    }
}

/// <summary>The import from NICE as its administrators see it: on or off, when it runs, and its latest runs.</summary>
public sealed record CatalogueImportStatus(bool Enabled, string Schedule, IReadOnlyList<GuidanceFlow.Workflows.Catalogue.CatalogueImportRun> Runs);

public static class CatalogueImportEndpoints
{
    public const string ImportOff = "Import from NICE is off: set Nice__BaseUrl and Nice__ApiKey (NICE's syndication API licence key) to turn it on.";

    public static void MapCatalogueImport(this IEndpointRouteBuilder app)
    {
        var import = app.MapGroup("/api/catalogue/import").WithTags("Catalogue").RequireAuthorization();

        import.MapGet("", async (ClaimsPrincipal user, CatalogueAdmins admins, Microsoft.Extensions.Options.IOptions<NiceSettings> nice,
                IQuerySession query, CancellationToken ct) =>
            {
                if (!admins.Includes(user.UserId())) return Problems.Forbidden(CatalogueAdmins.Refusal);
                var runs = await query.Query<GuidanceFlow.Workflows.Catalogue.CatalogueImportRun>().OrderByDescending(r => r.StartedAt).Take(20)
                    .ToListAsync(ct);
                var settings = nice.Value;
                return Results.Ok(new CatalogueImportStatus(settings.ImportEnabled,
                    settings.ImportEnabled ? $"Quartz cron '{settings.ImportCron}', UK time" : ImportOff, runs));
            })
            .WithSummary("The import from NICE: whether it is on, its schedule, and its latest 20 runs with their failures (catalogue administrators only)")
            .Produces<CatalogueImportStatus>().ProducesProblem(403);

        import.MapPost("", async (ClaimsPrincipal user, CatalogueAdmins admins, Microsoft.Extensions.Options.IOptions<NiceSettings> nice,
                Quartz.ISchedulerFactory schedulers, CancellationToken ct) =>
            {
                if (!admins.Includes(user.UserId())) return Problems.Forbidden(CatalogueAdmins.Refusal);
                if (!nice.Value.ImportEnabled)
                    return Results.Problem(statusCode: 409, title: "Import from NICE is off", detail: ImportOff);
                var scheduler = await schedulers.GetScheduler(ct);
                await scheduler.TriggerJob(GuidanceFlow.Workflows.Catalogue.CatalogueImportJob.Key,
                    new Quartz.JobDataMap { [GuidanceFlow.Workflows.Catalogue.CatalogueImportJob.TriggerKey] = $"check now by {user.UserId()}" }, ct);
                return Results.Accepted("/api/catalogue/import");
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Check NICE now: runs the import at once, on one instance (catalogue administrators only); its run appears in GET /api/catalogue/import")
            .Produces(202).ProducesProblem(403).ProducesProblem(409);
    }
}

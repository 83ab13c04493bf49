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

        catalogue.MapPost("/products", async (ProductByHandRequest body, ClaimsPrincipal user, CatalogueAdmins admins, IMessageBus bus,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (!admins.Includes(user.UserId())) return Problems.Forbidden(CatalogueAdmins.Refusal);
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var (document, errors) = CatalogueByHand.Document(body, clock.GetUtcNow());
                if (errors is not null) return Problems.Validation(errors);
                var recorded = await bus.InvokeAsync<CatalogueVersionRecorded>(new RecordGuidanceVersion(document!, "by hand", user.ToActor("CatalogueAdmin")), ct);
                var location = $"/api/catalogue/{recorded.GuidanceNumber}";
                return recorded.Appended ? Results.Created(location, recorded) : Results.Ok(recorded);
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Add a NICE product by hand — its number, title, publication date and recommendations (number and words, year tag included) — a new product, or a new version of one (catalogue administrators)")
            .Produces<CatalogueVersionRecorded>(200).Produces<CatalogueVersionRecorded>(201).ProducesValidationProblem()
            .ProducesProblem(403).ProducesProblem(409);

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

/// <summary>A product typed in by a catalogue administrator: what NICE published, with its recommendations' numbers and words.</summary>
public sealed record ProductByHandRequest(string GuidanceNumber, string Title, DateOnly Issued, IReadOnlyList<ProductByHandRecommendation> Recommendations);

public sealed record ProductByHandRecommendation(string Number, string Text);

public static class CatalogueByHand
{
    /// <summary>The document a typed-in product stands for: its type from its number, its recommendations read as NICE words them (year tags, strength).</summary>
    public static (GuidanceDocument? Document, Dictionary<string, string[]>? Errors) Document(ProductByHandRequest body, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var number = (body.GuidanceNumber ?? "").Trim().ToUpperInvariant();
        if (!GuidanceProduct.IsGuidanceNumber(number) || !Enum.TryParse<GuidanceType>(new string(number.TakeWhile(char.IsAsciiLetter).ToArray()), out var type))
        {
            errors["guidanceNumber"] = [$"Enter a NICE guidance number that starts with its type ({string.Join(", ", Enum.GetNames<GuidanceType>())}), for example NG136."];
            type = default;
        }
        if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > 300) errors["title"] = ["Enter the title NICE gave it (up to 300 characters)."];
        if (body.Issued < new DateOnly(1999, 1, 1) || body.Issued > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
            errors["issued"] = ["Enter the date NICE published it (not in the future)."];
        if (body.Recommendations is not { Count: > 0 and <= 2000 }) errors["recommendations"] = ["List its recommendations (up to 2,000)."];
        else
            for (var i = 0; i < body.Recommendations.Count; i++)
            {
                var r = body.Recommendations[i];
                if (r is null || !RecommendationNumbers.IsValid(r.Number?.Trim() ?? "")) errors[$"recommendations[{i}].number"] = ["Enter a recommendation number of two to four levels, such as 1.2.3."];
                if (r is null || string.IsNullOrWhiteSpace(r.Text) || r.Text.Length > 4000) errors[$"recommendations[{i}].text"] = ["Enter the recommendation's words (up to 4,000 characters)."];
            }
        if (errors.Count > 0) return (null, errors);
        var document = new GuidanceDocument(number, type, body.Title.Trim(), body.Issued, now,
            body.Recommendations.Select(r => CatalogueRecommendation.From(r.Number.Trim(), r.Text)).ToList());
        var problems = RecordGuidanceVersion.Problems(document).ToList();
        return problems.Count > 0 ? (null, new() { ["recommendations"] = [.. problems] }) : (document, null);
    }
}

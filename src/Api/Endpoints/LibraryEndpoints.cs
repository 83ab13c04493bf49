using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Library;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>What the signed-in user may do to an entry, from the library's rules (so a page or client never works it out itself).</summary>
public sealed record LibraryPermissions(bool Revise, bool Publish, bool Moderate, bool Withdraw, bool AddUpdate, bool ReadHistory)
{
    public static readonly LibraryPermissions None = new(false, false, false, false, false, false);
}

/// <summary>
/// A library entry as its reader sees it. A case study is bylined with its group; its review is linked only for that
/// group's chairs. The author's own address is never shown: <c>content.contact</c> is what they chose to share.
/// </summary>
public sealed record LibraryEntryAnswer(
    Guid Id, LibraryEntryKind Kind, LibraryEntryStatus Status, LibraryContent Content, string Byline, DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt, DateTimeOffset LastChangedAt, string? GuidanceNumber, DecisionOutcome? Outcome, Guid? ReviewId,
    IReadOnlyList<CaseStudyUpdate> Updates, string? Reason, LibraryPermissions May, IReadOnlyList<LibraryChart>? Charts = null)
{
    public static LibraryEntryAnswer Of(LibraryEntry e, LibraryViewer viewer) => new(
        e.Id, e.Kind, e.Status, e.Content, e.Kind == LibraryEntryKind.CaseStudy ? e.Group! : e.AuthorName, e.CreatedAt, e.PublishedAt,
        e.LastChangedAt, e.GuidanceNumber, e.Outcome, viewer.Chairs(e.Group) ? e.ReviewId : null, e.Updates,
        LibraryRules.MayReadHistory(e, viewer) ? e.Reason : null,
        new LibraryPermissions(
            LibraryRules.MayRevise(e, viewer) && LibraryRules.IsOpenForEdits(e),
            LibraryRules.MayPublish(e, viewer) && e.Status == (e.Kind == LibraryEntryKind.CaseStudy ? LibraryEntryStatus.Draft : LibraryEntryStatus.AwaitingModeration),
            LibraryRules.MayModerate(viewer) && e.Kind == LibraryEntryKind.GoodPractice && e.Status == LibraryEntryStatus.AwaitingModeration,
            LibraryRules.MayWithdraw(e, viewer) && e.Status is not (LibraryEntryStatus.Withdrawn or LibraryEntryStatus.Rejected),
            LibraryRules.MayAddUpdate(e, viewer) && e.Status == LibraryEntryStatus.Published,
            LibraryRules.MayReadHistory(e, viewer)),
        e.Charts);
}

/// <summary>One line of an entry's list (moderation queue, "my submissions").</summary>
public sealed record LibraryEntryRow(
    Guid Id, LibraryEntryKind Kind, LibraryEntryStatus Status, string Title, string Byline, DateTimeOffset LastChangedAt, string? Reason)
{
    public static LibraryEntryRow Of(LibraryEntry e) =>
        new(e.Id, e.Kind, e.Status, e.Content.Title, e.Kind == LibraryEntryKind.CaseStudy ? e.Group! : e.AuthorName, e.LastChangedAt, e.Reason);
}

public sealed record LibraryHighlights(IReadOnlyList<LibraryHit> Latest, IReadOnlyList<LibraryHit> MostRead);

public sealed record ReviseEntryRequest(LibraryContent Content, string? Note = null);
public sealed record ModerationRequest(ModerationOutcome Outcome, string? Reason = null);
public sealed record WithdrawalReasonRequest(string Reason);
public sealed record CaseStudyUpdateRequest(string Text);
public sealed record DraftCaseStudyRequest(bool IncludeNames = false);

/// <summary>
/// The learning library: search (everyone signed in), an entry and its history, good practice submitted and moderated,
/// case studies drafted from a decided review and published by its group's chair.
/// </summary>
public static class LibraryEndpoints
{
    public static void MapLibrary(this IEndpointRouteBuilder app)
    {
        var library = app.MapGroup("/api/library").WithTags("Library").RequireAuthorization();

        library.MapGet("/search", async ([AsParameters] LibrarySearchParameters p, LibrarySearch search, CancellationToken ct) =>
                p.Problems() is { Count: > 0 } problems ? Problems.Validation(problems) : Results.Ok(await search.SearchAsync(p.ToQuery(), ct)))
            .WithMetadata(new DocumentedQuery("page", Minimum: 1, Maximum: 10_000), new DocumentedQuery("pageSize", Minimum: 1, Maximum: LibraryQuery.MaxPageSize),
                new DocumentedQuery("year", Minimum: 1999, Maximum: 2100))
            .WithSummary("Search the published library: words as you would type them (\"a phrase\", -exclude, or), facets to filter by, each facet's counts, highlighted snippets (everyone signed in)")
            .Produces<LibraryResults>().ProducesValidationProblem();

        library.MapGet("", async (LibrarySearch search, CancellationToken ct) =>
            {
                var (latest, mostRead) = await search.HighlightsAsync(5, ct);
                return Results.Ok(new LibraryHighlights(latest, mostRead));
            })
            .WithSummary("The library's front page: the latest published entries and the most read (everyone signed in)")
            .Produces<LibraryHighlights>();

        library.MapGet("/entries/{id:guid}", async (Guid id, long? version, DateTimeOffset? asOf, LibraryAccess access, IQuerySession query,
                LibrarySearch search, CancellationToken ct) =>
            {
                if (version is not null && asOf is not null) return Problems.Validation("asOf", "Ask for a version or a moment (asOf), not both.");
                if (version is < 1) return Problems.Validation("version", "Versions start at 1.");
                var viewer = await access.ViewerAsync(ct);
                var entry = await query.LoadAsync<LibraryEntry>(id, ct);
                if (entry is null || !LibraryRules.MayRead(entry, viewer)) return Problems.NotFound(LibraryRules.NoSuchEntry(id));
                if (version is null && asOf is null)
                {
                    if (entry.Status == LibraryEntryStatus.Published) await search.CountReadAsync(id, ct);
                    return Results.Ok(LibraryEntryAnswer.Of(entry, viewer));
                }
                // Time travel, as for reviews: the entry exactly as it was; nothing can be done to a past state.
                if (!LibraryRules.MayReadHistory(entry, viewer)) return Problems.Forbidden(LibraryTimeTravel.HistoryOnly);
                if (await LibraryTimeTravel.AtAsync(query, id, version, asOf, ct) is not { } past)
                    return Problems.NotFound(asOf is null ? $"Entry {id} has no version {version}." : $"Entry {id} did not exist yet at {asOf:u}.");
                return Results.Ok(LibraryEntryAnswer.Of(past.Entry, viewer) with { May = LibraryPermissions.None with { ReadHistory = true } });
            })
            .WithMetadata(new DocumentedQuery("version", Minimum: 1))
            .WithSummary("One entry: published ones for everyone signed in; drafts, submissions and rejected ones for their author and the editors (a case study's draft for its group's chairs). As it was with ?version=N or ?asOf=timestamp (those who may read its history)")
            .Produces<LibraryEntryAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        library.MapGet("/entries/{id:guid}/history", async (Guid id, LibraryAccess access, IQuerySession query, IOptions<JsonOptions> json,
                CancellationToken ct) =>
            {
                var viewer = await access.ViewerAsync(ct);
                var entry = await query.LoadAsync<LibraryEntry>(id, ct);
                if (entry is null || !LibraryRules.MayRead(entry, viewer)) return Problems.NotFound(LibraryRules.NoSuchEntry(id));
                if (!LibraryRules.MayReadHistory(entry, viewer))
                    return Problems.Forbidden("An entry's history is for its author (a case study's, its group's chairs) and the library's editors.");
                var events = await query.Events.FetchStreamAsync(id, token: ct);
                return Results.Ok(events.Select(e => ReviewHistory.Entry(e, json.Value.SerializerOptions)).ToList());
            })
            .WithSummary("Every event of an entry: who drafted, changed, moderated, published or withdrew it, and when (its author, a case study's chairs, editors)")
            .Produces<List<HistoryEntry>>().ProducesProblem(403).ProducesProblem(404);

        library.MapPost("/entries", async (LibraryContent body, ClaimsPrincipal user, CommandDispatcher commands, LibraryAccess access,
                IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send the entry as a JSON object.");
                var command = new SubmitGoodPractice(Guid.CreateVersion7(), body, user.ToActor("Author"));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                var entry = (await query.LoadAsync<LibraryEntry>(command.EntryId, ct))!;
                return Results.Created($"/api/library/entries/{entry.Id}", LibraryEntryAnswer.Of(entry, await access.ViewerAsync(ct)));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Submit an example of service-delivery practice; the library's editors moderate it before it is published (everyone signed in)")
            .Produces<LibraryEntryAnswer>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(409);

        library.MapPut("/entries/{id:guid}", async (Guid id, ReviseEntryRequest body, ClaimsPrincipal user, CommandDispatcher commands,
                LibraryAccess access, IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var viewer = await access.ViewerAsync(ct);
                if (await commands.SendAsync(new ReviseLibraryEntry(id, body.Content, body.Note, viewer, user.ToActor("Author")), ct) is { } invalid)
                    return invalid;
                return Results.Ok(LibraryEntryAnswer.Of((await query.LoadAsync<LibraryEntry>(id, ct))!, viewer));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Change an entry not yet published: a case study's draft (its group's chairs), or a submission (its author; one sent back for changes goes to the editors again)")
            .Produces<LibraryEntryAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        library.MapPost("/entries/{id:guid}/moderation", async (Guid id, ModerationRequest body, ClaimsPrincipal user, CommandDispatcher commands,
                LibraryAccess access, IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var viewer = await access.ViewerAsync(ct);
                if (await commands.SendAsync(new ModerateLibraryEntry(id, body.Outcome, body.Reason, viewer, user.ToActor("LibraryEditor")), ct) is { } invalid)
                    return invalid;
                return Results.Ok(LibraryEntryAnswer.Of((await query.LoadAsync<LibraryEntry>(id, ct))!, viewer));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Approve a submission (it is published), ask its author for changes, or reject it, with the reason; the author is emailed (library editors)")
            .Produces<LibraryEntryAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        library.MapPost("/entries/{id:guid}/publication", async (Guid id, ClaimsPrincipal user, CommandDispatcher commands, LibraryAccess access,
                IQuerySession query, CancellationToken ct) =>
            {
                var viewer = await access.ViewerAsync(ct);
                if (await commands.SendAsync(new PublishCaseStudy(id, viewer, user.ToActor(Roles.Chair)), ct) is { } invalid) return invalid;
                return Results.Ok(LibraryEntryAnswer.Of((await query.LoadAsync<LibraryEntry>(id, ct))!, viewer));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Publish a case study's draft to the library as it now reads (chairs of its group)")
            .Produces<LibraryEntryAnswer>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        library.MapPost("/entries/{id:guid}/updates", async (Guid id, CaseStudyUpdateRequest body, ClaimsPrincipal user, CommandDispatcher commands,
                LibraryAccess access, IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var viewer = await access.ViewerAsync(ct);
                if (await commands.SendAsync(new AddCaseStudyUpdate(id, body.Text, viewer, user.ToActor(Roles.Chair)), ct) is { } invalid) return invalid;
                return Results.Ok(LibraryEntryAnswer.Of((await query.LoadAsync<LibraryEntry>(id, ct))!, viewer));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Add later news to a published case study: actions completed, what a re-assessment found (chairs of its group)")
            .Produces<LibraryEntryAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        library.MapPost("/entries/{id:guid}/withdrawal", async (Guid id, WithdrawalReasonRequest body, ClaimsPrincipal user, CommandDispatcher commands,
                LibraryAccess access, IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var viewer = await access.ViewerAsync(ct);
                if (await commands.SendAsync(new WithdrawLibraryEntry(id, body.Reason, viewer, user.ToActor("Author")), ct) is { } invalid) return invalid;
                return Results.Ok(LibraryEntryAnswer.Of((await query.LoadAsync<LibraryEntry>(id, ct))!, viewer));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Withdraw an entry, with the reason: it leaves search, its history stays (its author, a case study's chairs, editors)")
            .Produces<LibraryEntryAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        library.MapGet("/moderation", async (LibraryAccess access, IQuerySession query, CancellationToken ct) =>
            {
                if (!LibraryRules.MayModerate(await access.ViewerAsync(ct))) return Problems.Forbidden(LibraryRules.EditorsOnly);
                var waiting = await query.Query<LibraryEntry>().Where(e => e.Status == LibraryEntryStatus.AwaitingModeration)
                    .OrderBy(e => e.LastChangedAt).Take(200).ToListAsync(ct);
                return Results.Ok(waiting.Select(LibraryEntryRow.Of).ToList());
            })
            .WithSummary("Submissions waiting for an editor, longest waiting first (library editors)")
            .Produces<List<LibraryEntryRow>>().ProducesProblem(403);

        library.MapGet("/mine", async (LibraryAccess access, IQuerySession query, CancellationToken ct) =>
                Results.Ok((await MineAsync(await access.ViewerAsync(ct), query, ct)).Select(LibraryEntryRow.Of).ToList()))
            .WithSummary("What you submitted, and the case studies of the groups you chair, in any state, latest change first")
            .Produces<List<LibraryEntryRow>>();

        var reviews = app.MapGroup("/api/reviews").WithTags("Library").RequireAuthorization();

        reviews.MapPost("/{id:guid}/case-study", async (Guid id, DraftCaseStudyRequest? body, ClaimsPrincipal user, Access reviewAccess,
                LibraryAccess access, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                var view = reviewAccess.Cached(id)!;
                var viewer = await access.ViewerAsync(ct);
                var command = new DraftCaseStudy(id, CaseStudyDraft.From(view, body?.IncludeNames ?? false), viewer, user.ToActor(Roles.Chair));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                var entry = (await query.LoadAsync<LibraryEntry>(LibraryEntry.CaseStudyIdFor(id), ct))!;
                return Results.Created($"/api/library/entries/{entry.Id}", LibraryEntryAnswer.Of(entry, viewer));
            })
            .RequireReviewAccess(Need.Chair)
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Draft the review's case study for the library from its own record, stakeholders named by organisation and role only unless includeNames; nothing is published until a chair publishes it (chairs)")
            .Produces<LibraryEntryAnswer>(StatusCodes.Status201Created).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        reviews.MapGet("/{id:guid}/other-groups", async (Guid id, Access reviewAccess, LibrarySearch search, CancellationToken ct) =>
            {
                var view = reviewAccess.Cached(id)!;
                var studies = await search.CaseStudiesOfAsync(view.GuidanceId, 11, ct);
                return Results.Ok(studies.Where(s => s.Group != view.Group).Take(10).ToList());
            })
            .RequireReviewAccess(Need.Read)
            .WithSummary("Other groups and this guidance: published case studies of the same guidance, with outcome and cost (anyone who sees the review)")
            .Produces<List<LibraryHit>>().ProducesProblem(404);
    }

    /// <summary>"My submissions": the user's own, and every case study of a group they chair.</summary>
    public static async Task<IReadOnlyList<LibraryEntry>> MineAsync(LibraryViewer viewer, IQuerySession query, CancellationToken ct)
    {
        var groups = viewer.ChairOf.ToArray();
        return await query.Query<LibraryEntry>()
            .Where(e => e.AuthorUserId == viewer.UserId || (e.Kind == LibraryEntryKind.CaseStudy && e.Group!.IsOneOf(groups)))
            .OrderByDescending(e => e.LastChangedAt).Take(200).ToListAsync(ct);
    }
}

/// <summary>The search's query string, checked before anything reaches the database.</summary>
public sealed record LibrarySearchParameters(
    string? Q, string? Guidance, string? Type, Sector? Sector, NhsRegion? Region, DecisionOutcome? Outcome, CostBand? CostBand, int? Year,
    LibraryEntryKind? Kind, LibrarySort? Sort, int? Page, int? PageSize)
{
    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (Q is { } q && q.Length > LibraryQuery.MaxQueryLength)
            problems["q"] = [$"Search for at most {LibraryQuery.MaxQueryLength} characters."];
        else if (Q is { } text && !GuidanceFlow.Workflows.Validation.TextRules.IsPlain(text, multiline: false))
            problems["q"] = ["Search with letters, numbers and punctuation only (no control characters)."];
        if (Guidance is { } g && !GuidanceFlow.Domain.Catalogue.GuidanceProduct.IsGuidanceNumber(g))
            problems["guidance"] = ["Give a NICE guidance number: letters then digits, for example NG115."];
        if (Type is { } t && !Enum.TryParse<GuidanceType>(t, ignoreCase: true, out _))
            problems["type"] = [$"Give a guidance type: {string.Join(", ", Enum.GetNames<GuidanceType>())}."];
        if (Year is < 1999 or > 2100) problems["year"] = ["Give a year from 1999."];
        if (Page is < 1 or > 10_000) problems["page"] = ["Pages are numbered from 1 (to 10,000)."];
        if (PageSize is < 1 or > LibraryQuery.MaxPageSize) problems["pageSize"] = [$"Ask for 1 to {LibraryQuery.MaxPageSize} entries a page."];
        return problems;
    }

    public LibraryQuery ToQuery() => new(Q, Guidance, Type, Sector, Region, Outcome, CostBand, Year, Kind, Sort ?? LibrarySort.Relevance,
        Page ?? 1, PageSize ?? 20);
}

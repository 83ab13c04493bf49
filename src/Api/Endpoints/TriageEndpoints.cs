using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>One product in a group's triage queue, as the group sees it.</summary>
public sealed record TriageRow(
    Guid Id, string Group, string GuidanceNumber, GuidanceType Type, string Title, DateOnly Issued, DateTimeOffset DueAt,
    TriageStatus Status, bool Overdue, TriageDecision? Decision, Guid? ReviewId)
{
    public static TriageRow Of(TriageItem i, DateTimeOffset now) =>
        new(i.Id, i.Group, i.GuidanceNumber, i.Type, i.Title, i.Issued, i.DueAt, i.Status, TriageDeadlines.IsOverdue(i, now), i.Decision, i.ReviewId);
}

public sealed record TriagePage(IReadOnlyList<TriageRow> Items, int Page, int PageSize, int Total);

/// <summary>What the triage lead or chair records; which fields count depends on the outcome.</summary>
public sealed record TriageRequest(
    TriageOutcome Outcome, IReadOnlyList<string>? Services = null, IReadOnlyList<string>? Organisations = null, string? ClinicalLead = null,
    string? ManagerialLead = null, string? Reason = null, string? CoveredBy = null);

public sealed record TriageDeadlineRequest(DateTimeOffset DueAt, string Reason);

/// <summary>Which of a group's items a queue read shows.</summary>
public enum TriageFilter { Awaiting, Triaged, All }

/// <summary>
/// Each group's triage of new NICE products: the queue (every member sees it), the triage itself (triage
/// leads and chairs), and opening the review of a relevant product with NICE's recommendations as its grid (chairs).
/// An item is addressed by its group and guidance number.
/// </summary>
public static class TriageEndpoints
{
    public static void MapTriage(this IEndpointRouteBuilder app)
    {
        var triage = app.MapGroup("/api/groups/{name}/triage").WithTags("Triage").RequireAuthorization();

        triage.MapGet("", async (string name, TriageFilter? show, int? page, int? pageSize, Access access, IQuerySession query,
                TimeProvider clock, CancellationToken ct) =>
            {
                if ((await access.RolesIn(name, ct)).Count == 0) return NotAMember(name);
                return Results.Ok(await GuidanceFlow.Api.Queries.TriageQueue.PageAsync(query, name, show ?? TriageFilter.Awaiting, page ?? 1,
                    pageSize ?? 25, clock.GetUtcNow(), ct));
            })
            .WithSummary("The group's triage queue: NICE products awaiting triage (show=Awaiting, the default), triaged, or all; soonest due first (members)")
            .Produces<TriagePage>().ProducesValidationProblem().ProducesProblem(404);

        triage.MapGet("/{number}", async (string name, string number, Access access, IQuerySession query, TimeProvider clock,
                CancellationToken ct) =>
            {
                if ((await access.RolesIn(name, ct)).Count == 0) return NotAMember(name);
                if (!GuidanceProduct.IsGuidanceNumber(number)) return BadNumber();
                var item = await query.LoadAsync<TriageItem>(TriageItem.IdFor(name, number), ct);
                return item is null ? NoItem(name, number) : Results.Ok(TriageRow.Of(item, clock.GetUtcNow()));
            })
            .WithSummary("One product's triage in the group (members)")
            .Produces<TriageRow>().ProducesProblem(404);

        triage.MapPost("/{number}", async (string name, string number, TriageRequest body, ClaimsPrincipal user, Access access,
                CommandDispatcher commands, IQuerySession query, TimeProvider clock, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var roles = await access.RolesIn(name, ct);
                if (roles.Count == 0) return NotAMember(name);
                if (!GroupRules.MayTriage(roles)) return Problems.Forbidden(GroupRules.TriageOnly);
                if (!GuidanceProduct.IsGuidanceNumber(number)) return BadNumber();
                var id = TriageItem.IdFor(name, number);
                var command = new RecordTriage(id, body.Outcome, body.Services ?? [], body.Organisations ?? [], body.ClinicalLead,
                    body.ManagerialLead, body.Reason, body.CoveredBy, user.ToActor(roles.Contains(GroupRole.TriageLead) ? Roles.TriageLead : Roles.Chair));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                return Results.Ok(TriageRow.Of((await query.LoadAsync<TriageItem>(id, ct))!, clock.GetUtcNow()));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Record the group's triage of a product: Relevant (services or organisations, clinical and managerial leads), NotRelevant (reason) or AlreadyCovered (by what); it can change until a review is opened from it (triage leads and chairs)")
            .Produces<TriageRow>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        triage.MapPut("/{number}/deadline", async (string name, string number, TriageDeadlineRequest body, ClaimsPrincipal user,
                Access access, CommandDispatcher commands, IQuerySession query, TimeProvider clock, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                var roles = await access.RolesIn(name, ct);
                if (roles.Count == 0) return NotAMember(name);
                if (!GroupRules.MayMoveTriageDeadlines(roles)) return Problems.Forbidden(GroupRules.TriageDeadlinesChairOnly);
                if (!GuidanceProduct.IsGuidanceNumber(number)) return BadNumber();
                var id = TriageItem.IdFor(name, number);
                if (await commands.SendAsync(new MoveTriageDeadline(id, body.DueAt, body.Reason, user.ToActor(Roles.Chair)), ct) is { } invalid)
                    return invalid;
                return Results.Ok(TriageRow.Of((await query.LoadAsync<TriageItem>(id, ct))!, clock.GetUtcNow()));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Move a product's triage deadline, with the reason; its reminder and escalation follow (chairs)")
            .Produces<TriageRow>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        triage.MapPost("/{number}/review", async (string name, string number, ClaimsPrincipal user, Access access,
                CommandDispatcher commands, IQuerySession query, HttpContext http, CancellationToken ct) =>
            {
                var roles = await access.RolesIn(name, ct);
                if (roles.Count == 0) return NotAMember(name);
                if (!GroupRules.MayOpenReviews(roles)) return Problems.Forbidden($"Only a chair of {name} can open its reviews.");
                if (!GuidanceProduct.IsGuidanceNumber(number)) return BadNumber();
                var command = new OpenReviewFromTriage(TriageItem.IdFor(name, number), Guid.CreateVersion7(), user.ToActor(Roles.Chair));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                var view = await query.LoadAsync<ReviewView>(command.ReviewId, ct);
                if (view is not null) Versions.SetETag(http, view.Version);
                return Results.Created($"/api/reviews/{command.ReviewId}", view);
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Open the review of a product triaged as relevant, its grid built from the catalogue's current recommendations (chairs; refused while the group has another open review of it)")
            .Produces<ReviewView>(StatusCodes.Status201Created).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static IResult NotAMember(string name) => Problems.NotFound($"You are not a member of an implementation group named {name}.");
    private static IResult BadNumber() => Problems.Validation("number", "Give a NICE guidance number: letters then digits, for example NG136.");
    private static IResult NoItem(string name, string number) =>
        Problems.NotFound($"{name}'s triage queue has no NICE product {GuidanceProduct.Normalise(number)}.");
}

using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GuidanceFlow.Api.Endpoints;

public sealed record OpenReviewRequest(string GuidanceId, GuidanceType GuidanceType, string Title, DateOnly PublishedOn, string Group);
public sealed record CreateGridRequest(IReadOnlyList<Recommendation> Recommendations, long? Version = null);
public sealed record InviteStakeholdersRequest(IReadOnlyList<Stakeholder> Stakeholders, long? Version = null);
public sealed record OpenResponseWindowRequest(DateTimeOffset Deadline, long? Version = null);
public sealed record SubmitResponseRequest(IReadOnlyList<RecommendationResponse> Responses, long? Version = null);
public sealed record DraftRequest(IReadOnlyList<RecommendationResponse> Responses);
public sealed record DelegateRequest(string? DelegateUserId = null, string? DelegateName = null);
public sealed record CloseResponseWindowRequest(long? Version = null);
public sealed record AssessFinancialImpactRequest(int LocalPopulation, IReadOnlyList<CostLine> Lines, long? Version = null);
public sealed record FinancialImpactNotNeededRequest(string Reason, long? Version = null);
public sealed record RecordDecisionRequest(
    DecisionOutcome Outcome, string Rationale, string? Risk = null, IReadOnlyList<ActionItem>? Actions = null,
    DateOnly? ReviewDate = null, long? Version = null);
public sealed record ExtendDeadlineRequest(DeadlineKind Deadline, DateTimeOffset NewDue, string Reason, long? Version = null);
public sealed record DecisionMeetingRequest(DateTimeOffset MeetingAt, long? Version = null);
public sealed record CloseReviewRequest(string Reason, long? Version = null);

/// <summary>
/// Write routes: each translates HTTP into one command, sends it, and answers with the shared
/// view as it now stands (its ETag is the new stream version, for the next If-Match).
/// </summary>
public static class ReviewCommandEndpoints
{
    public static void MapReviewCommands(this IEndpointRouteBuilder app)
    {
        // Every write is rate-limited per user.
        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews").RequireRateLimiting(WriteRateLimits.Policy);

        reviews.MapPost("", async (OpenReviewRequest body, ClaimsPrincipal user, CommandDispatcher commands,
                IQuerySession query, Access access, CancellationToken ct) =>
            {
                var roles = await access.RolesIn(body.Group, ct);
                if (!roles.Contains(GroupRole.Chair))
                    return (await access.MyGroups(ct)).Count == 0 ? Problems.Forbidden(Access.NoRole)
                        : roles.Count == 0 ? Problems.NotFound($"You are not a member of an implementation group named {body.Group}.")
                        : Problems.Forbidden($"Only a chair of {body.Group} can open its reviews.");
                var command = new OpenReview(Guid.CreateVersion7(), body.GuidanceId, body.GuidanceType, body.Title,
                    body.PublishedOn, body.Group, user.ToActor(Roles.Chair));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                var view = await query.LoadAsync<ReviewView>(command.ReviewId, ct);
                return Results.Created($"/api/reviews/{command.ReviewId}", view);
            })
            .RequireAuthorization()
            .WithSummary("Open a review of newly published NICE guidance")
            .Produces<ReviewView>(StatusCodes.Status201Created).ProducesValidationProblem();

        Write<CreateGridRequest>(reviews, "/{id:guid}/grid", Need.Chair, "Create or replace the grid of recommendations",
            (id, b, user, v) => new CreateGrid(id, b.Recommendations, v ?? b.Version, user.ToActor(Roles.Chair)));

        Write<InviteStakeholdersRequest>(reviews, "/{id:guid}/stakeholders", Need.Chair, "Invite stakeholders to respond",
            (id, b, user, v) => new InviteStakeholders(id, b.Stakeholders, v ?? b.Version, user.ToActor(Roles.Chair)));

        Write<OpenResponseWindowRequest>(reviews, "/{id:guid}/response-window", Need.Chair, "Open the response window with its deadline",
            (id, b, user, v) => new OpenResponseWindow(id, b.Deadline, v ?? b.Version, user.ToActor(Roles.Chair)));

        reviews.MapPost("/{id:guid}/response-window/close", async (Guid id,
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CloseResponseWindowRequest? body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new CloseResponseWindow(id, WindowClosure.ByChair, ifMatch ?? body?.Version, user.ToActor(Roles.Chair));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Chair)
            .WithSummary("Close the response window now and distribute the collated response")
            .Produces<ReviewView>().ProducesProblem(404).ProducesProblem(409);

        Write<AssessFinancialImpactRequest>(reviews, "/{id:guid}/financial-impact", Need.FinancialImpact,
            "Record the financial impact for the whole health economy",
            (id, b, user, v) => new AssessFinancialImpact(id, b.LocalPopulation, b.Lines, v ?? b.Version,
                user.ToActor(user.IsInRole(Roles.FinanceLead) ? Roles.FinanceLead : Roles.Chair)));

        Write<FinancialImpactNotNeededRequest>(reviews, "/{id:guid}/financial-impact/not-needed", Need.Chair,
            "State that no financial assessment is needed, and why",
            (id, b, user, v) => new MarkFinancialImpactNotNeeded(id, b.Reason, v ?? b.Version, user.ToActor(Roles.Chair)));

        Write<RecordDecisionRequest>(reviews, "/{id:guid}/decision", Need.Chair, "Record the group's decision",
            (id, b, user, v) => new RecordDecision(id, b.Outcome, b.Rationale, b.Risk, b.Actions ?? [], b.ReviewDate,
                v ?? b.Version, user.ToActor(Roles.Chair)));

        Write<ExtendDeadlineRequest>(reviews, "/{id:guid}/deadlines/extend", Need.Chair,
            "Move a deadline later, with a reason; its reminders and escalations move with it",
            (id, b, user, v) => new ExtendDeadline(id, b.Deadline, b.NewDue, b.Reason, v ?? b.Version, user.ToActor(Roles.Chair)));

        Write<DecisionMeetingRequest>(reviews, "/{id:guid}/decision-meeting", Need.Chair,
            "Set the group meeting at which the decision is due",
            (id, b, user, v) => new ScheduleDecisionMeeting(id, b.MeetingAt, v ?? b.Version, user.ToActor(Roles.Chair)));

        Write<CloseReviewRequest>(reviews, "/{id:guid}/close", Need.Chair, "Close the review",
            (id, b, user, v) => new CloseReview(id, b.Reason, v ?? b.Version, user.ToActor(Roles.Chair)));

        reviews.MapPut("/{id:guid}/responses/{stakeholderId}", async (Guid id, string stakeholderId, SubmitResponseRequest body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                // Whose response this may be (their own, or delegated to them) is the domain's rule.
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new SubmitResponse(id, stakeholderId, body.Responses, ifMatch ?? body.Version,
                    user.ToActor(stakeholderId == user.UserId() ? Roles.Stakeholder : "Delegate"));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("Submit or amend a stakeholder's response, per recommendation")
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        reviews.MapPut("/{id:guid}/responses/{stakeholderId}/draft", async (Guid id, string stakeholderId, DraftRequest body,
                ClaimsPrincipal user, CommandDispatcher commands, CancellationToken ct) =>
            {
                var command = new SaveResponseDraft(id, stakeholderId, body.Responses,
                    user.ToActor(stakeholderId == user.UserId() ? Roles.Stakeholder : "Delegate"));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                return Results.NoContent();
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("Save a draft response: private to the stakeholder, not yet part of the record; submitting replaces it")
            .Produces(204).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        reviews.MapPut("/{id:guid}/responses/{stakeholderId}/delegate", async (Guid id, string stakeholderId, DelegateRequest body,
                HttpRequest request, ClaimsPrincipal user, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = new DelegateResponse(id, stakeholderId, body.DelegateUserId, body.DelegateName, ifMatch,
                    user.ToActor(Roles.Stakeholder));
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("Let a colleague of your organisation respond for you (delegateUserId), or withdraw it (null)")
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        reviews.MapGet("/{id:guid}/responses/{stakeholderId}/draft", async (Guid id, string stakeholderId, ClaimsPrincipal user,
                IQuerySession query, CancellationToken ct) =>
            {
                var view = await query.LoadAsync<ReviewView>(id, ct);
                var mine = stakeholderId == user.UserId()
                           || view?.Delegations.Any(d => d.StakeholderId == stakeholderId && d.DelegateUserId == user.UserId()) == true;
                if (!mine) return Problems.Forbidden("You can read only your own draft, or one delegated to you.");
                var draft = await query.LoadAsync<ResponseDraft>(ResponseDraft.IdFor(id, stakeholderId), ct);
                return draft is null ? Problems.NotFound("No draft saved.") : Results.Ok(draft);
            })
            .RequireAuthorization()
            .RequireReviewAccess(Need.Read)
            .WithSummary("Read your saved draft")
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }

    private static void Write<TBody>(RouteGroupBuilder group, string pattern, Need need, string summary,
        Func<Guid, TBody, ClaimsPrincipal, long?, IReviewCommand> toCommand)
    {
        group.MapPost(pattern, async (Guid id, [FromBody] TBody body, HttpRequest request, ClaimsPrincipal user,
                CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
            {
                // A JSON `null` body binds as null here (the generic parameter carries no nullability).
                if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
                if (!Versions.TryReadIfMatch(request, out var ifMatch)) return Versions.BadIfMatch();
                var command = toCommand(id, body, user, ifMatch);
                return await Versions.SendAndShow(commands, query, command, request.HttpContext, ct);
            })
            .RequireAuthorization()
            .RequireReviewAccess(need)
            .WithSummary(summary)
            .Produces<ReviewView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}

/// <summary>Optimistic concurrency over HTTP: ETag carries the stream version, If-Match sends it back.</summary>
public static class Versions
{
    public static bool TryReadIfMatch(HttpRequest request, out long? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return true;
        var raw = header.Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        if (!long.TryParse(raw, out var parsed) || parsed < 0) return false;
        version = parsed;
        return true;
    }

    public static IResult BadIfMatch() =>
        Problems.Validation("If-Match", "Send the review's version as a quoted number, for example \"7\", taken from its ETag.");

    public static void SetETag(HttpContext context, long version) =>
        context.Response.Headers.ETag = $"\"{version}\"";

    public static async Task<IResult> SendAndShow<T>(CommandDispatcher commands, IQuerySession query, T command,
        HttpContext context, CancellationToken ct) where T : IReviewCommand
    {
        if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
        var view = await query.LoadAsync<ReviewView>(command.ReviewId, ct);
        if (view is null) return Problems.NotFound(Decision.NoSuchReview(command.ReviewId));
        SetETag(context, view.Version);
        return Results.Ok(view);
    }
}

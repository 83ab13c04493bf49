using System.Globalization;
using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Pages.Improvement;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Api.Spreadsheets;
using GuidanceFlow.Workflows.Improvement;
using GuidanceFlow.Domain.Improvement;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GuidanceFlow.Api.Endpoints;

/// <summary>One measure as the API shows it: its definition, its data and its XmR chart with the icons, worked out on the server.</summary>
public sealed record MeasureAnswer(Guid Id, MeasureDefinition Definition, IReadOnlyList<Measurement> Points, IReadOnlyList<DateOnly> RecalculateFrom,
    ControlChart Chart);

/// <summary>An improvement project as its reader sees it, with what they may do to it (from the project's rules).</summary>
public sealed record ProjectAnswer(
    Guid Id, string Group, string Title, Aim Aim, ProjectStatus Status, Guid? ReviewId, string? GuidanceNumber, IReadOnlyList<string> Recommendations,
    IReadOnlyList<string> Actions, IReadOnlyList<ProjectMember> Team, IReadOnlyList<MeasureAnswer> Measures, IReadOnlyList<PdsaCycle> Cycles,
    string? Summary, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset LastChangedAt, bool MayEdit,
    Guid? LibraryEntryId = null, bool MayShare = false)
{
    public static ProjectAnswer Of(ImprovementProject p, ProjectViewer viewer) => new(
        p.Id, p.Group, p.Title, p.Aim, p.Status, p.ReviewId, p.GuidanceNumber, p.Recommendations, p.Actions, p.Team,
        p.Measures.Select(m => new MeasureAnswer(m.Id, m.Definition, m.Points, m.RecalculateFrom, m.Chart())).ToList(), p.Cycles, p.Summary,
        p.StartedBy, p.StartedAt, p.CompletedAt, p.LastChangedAt, ProjectRules.MayEdit(p, viewer) && p.Status == ProjectStatus.Active,
        p.LibraryEntryId, ProjectRules.MayShare(p, viewer));
}

/// <summary>One line of a group's list of projects: what it aims at and how its first measure is doing.</summary>
public sealed record ProjectRow(Guid Id, string Group, string Title, ProjectStatus Status, string? GuidanceNumber, int Measures,
    string? FirstMeasure, Variation? Variation, Assurance? Assurance, DateTimeOffset LastChangedAt)
{
    public static ProjectRow Of(ImprovementProject p)
    {
        var first = p.Measures.FirstOrDefault();
        var chart = first?.Chart();
        return new(p.Id, p.Group, p.Title, p.Status, p.GuidanceNumber, p.Measures.Count, first?.Definition.Name, chart?.Variation, chart?.Assurance,
            p.LastChangedAt);
    }
}

public sealed record StartProjectRequest(string Title, Aim Aim, Guid? ReviewId = null, IReadOnlyList<string>? Recommendations = null,
    IReadOnlyList<string>? Actions = null, IReadOnlyList<ProjectMember>? Team = null);
public sealed record ProjectAimRequest(string Title, Aim Aim);
public sealed record ProjectMemberRequest(string Name);
public sealed record MeasurementsRequest(IReadOnlyList<Measurement?> Points);
public sealed record ReasonRequest(string Reason);
public sealed record ProjectSummaryRequest(string Summary);
public sealed record ShareProjectRequest(NhsRegion? Region = null, CostBand CostBand = CostBand.NotKnown, IReadOnlyList<Sector>? Sectors = null);

/// <summary>
/// Improvement projects: a group's list, one project with its measures' control charts, and every change by its team —
/// aim, team, measures, measurements, recalculated limits, PDSA cycles, completion.
/// </summary>
public static class ProjectEndpoints
{
    public static void MapProjects(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/groups").WithTags("Improvement").RequireAuthorization();

        groups.MapGet("/{name}/projects", async (string name, Access access, IQuerySession query, CancellationToken ct) =>
            {
                if (!(await ViewerAsync(access, ct)).BelongsTo(name)) return Problems.NotFound(NotInGroup(name));
                return Results.Ok(await ProjectQuery.LatestAsync(query, [name], ct));
            })
            .WithSummary($"The group's improvement projects, latest change first (at most {ProjectQuery.MaxListed}), each with its first measure's variation and assurance (anyone with a role in the group)")
            .Produces<List<ProjectRow>>().ProducesProblem(404);

        groups.MapPost("/{name}/projects", async (string name, StartProjectRequest body, ClaimsPrincipal user, Access access, CommandDispatcher commands,
                IQuerySession query, CancellationToken ct) =>
            {
                if (body is null) return Problems.Validation("$", "Send the project as a JSON object.");
                var viewer = await ViewerAsync(access, ct);
                if (!viewer.BelongsTo(name)) return Problems.NotFound(NotInGroup(name));
                var command = new StartProject(Guid.CreateVersion7(), name, body.Title, body.Aim, body.ReviewId, body.Recommendations, body.Actions, body.Team,
                    viewer, user.ToActor("ProjectMember"));
                if (await commands.SendAsync(command, ct) is { } invalid) return invalid;
                var project = (await query.LoadAsync<ImprovementProject>(command.ProjectId, ct))!;
                return Results.Created($"/api/projects/{project.Id}", ProjectAnswer.Of(project, viewer));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Start an improvement project in the group, on its own or from one of its decisions (linked to recommendations and agreed actions); you are on its team (anyone with a role in the group)")
            .Produces<ProjectAnswer>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        var projects = app.MapGroup("/api/projects").WithTags("Improvement").RequireAuthorization();

        projects.MapGet("/{id:guid}", async (Guid id, Access access, IQuerySession query, CancellationToken ct) =>
            {
                var viewer = await ViewerAsync(access, ct);
                var project = await query.LoadAsync<ImprovementProject>(id, ct);
                if (project is null || !ProjectRules.MayRead(project, viewer)) return Problems.NotFound(ProjectRules.NoSuchProject(id));
                return Results.Ok(ProjectAnswer.Of(project, viewer));
            })
            .WithSummary("One project: aim, team, PDSA cycles, and each measure's data with its XmR chart (mean, process limits, special causes, variation and assurance) (anyone with a role in its group)")
            .Produces<ProjectAnswer>().ProducesProblem(404);

        projects.MapGet("/{id:guid}/history", async (Guid id, Access access, IQuerySession query, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var project = await query.LoadAsync<ImprovementProject>(id, ct);
                if (project is null || !ProjectRules.MayRead(project, await ViewerAsync(access, ct))) return Problems.NotFound(ProjectRules.NoSuchProject(id));
                var events = await query.Events.FetchStreamAsync(id, token: ct);
                return Results.Ok(events.Select(e => ReviewHistory.Entry(e, json.Value.SerializerOptions)).ToList());
            })
            .WithSummary("Every event of a project: who changed its aim, team, measures, data, cycles, and when (anyone with a role in its group)")
            .Produces<List<HistoryEntry>>().ProducesProblem(404);

        projects.MapGet("/{id:guid}/measures/{measureId:guid}/chart.svg", async (Guid id, Guid measureId, Access access, IQuerySession query, CancellationToken ct) =>
            {
                var project = await query.LoadAsync<ImprovementProject>(id, ct);
                if (project is null || !ProjectRules.MayRead(project, await ViewerAsync(access, ct))) return Problems.NotFound(ProjectRules.NoSuchProject(id));
                if (project.Measure(measureId) is not { } measure) return Problems.NotFound($"The project has no measure with the id {measureId}.");
                return Results.File(System.Text.Encoding.UTF8.GetBytes(ProjectWords.ChartFile(measure)), ProjectWords.SvgContentType,
                    $"project-{id}-measure-{measureId}.svg");
            })
            .WithSummary("A measure's XmR chart as an SVG image, with its title and a description in words inside it (anyone with a role in its group)")
            .Produces(200, contentType: ProjectWords.SvgContentType).ProducesProblem(404);

        projects.MapPut("/{id:guid}/aim", (Guid id, ProjectAimRequest body, ClaimsPrincipal user, Access access, CommandDispatcher commands,
                IQuerySession query, CancellationToken ct) =>
                Send(id, body, access, commands, query, ct, viewer => new ReviseAim(id, body.Title, body.Aim, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Revise the project's title and aim (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPut("/{id:guid}/team/{userId}", (Guid id, string userId, ProjectMemberRequest body, ClaimsPrincipal user, Access access,
                CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
                Send(id, body, access, commands, query, ct,
                    viewer => new AddProjectMember(id, new ProjectMember(userId, body.Name), false, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Add someone with a role in the project's group to its team (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapDelete("/{id:guid}/team/{userId}", (Guid id, string userId, ClaimsPrincipal user, Access access, CommandDispatcher commands,
                IQuerySession query, CancellationToken ct) =>
                Send(id, new object(), access, commands, query, ct, viewer => new RemoveProjectMember(id, userId, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Take someone off the project's team; it keeps at least one (its team)")
            .Produces<ProjectAnswer>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPut("/{id:guid}/measures/{measureId:guid}", (Guid id, Guid measureId, MeasureDefinition body, ClaimsPrincipal user, Access access,
                CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
                Send(id, body, access, commands, query, ct, viewer => new DefineMeasure(id, measureId, body, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Define a measure (name, operational definition, unit, direction of improvement, baseline, target) or revise it (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPost("/{id:guid}/measures/{measureId:guid}/points", (Guid id, Guid measureId, MeasurementsRequest body, ClaimsPrincipal user,
                Access access, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
                Send(id, body, access, commands, query, ct,
                    viewer => new RecordMeasurements(id, measureId, body.Points ?? [], MeasurementSource.Api, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary($"Record measurements for periods, new or corrected, up to {ProjectRules.MaxRowsPerBatch} at a time: a batch with any bad row records nothing, and each bad row is named (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPost("/{id:guid}/measures/{measureId:guid}/points/file", async (Guid id, Guid measureId, HttpRequest request, ClaimsPrincipal user,
                Access access, Wolverine.IMessageBus bus, IQuerySession query, CancellationToken ct) =>
            {
                var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
                if (type is not (MeasurementUpload.CsvContentType or Spreadsheets.BaselineWorkbook.ContentType))
                    return Results.Problem(statusCode: 415, title: "Unsupported media type",
                        detail: $"Send the file itself as the body, with Content-Type: {MeasurementUpload.CsvContentType} or {Spreadsheets.BaselineWorkbook.ContentType}.");
                var viewer = await ViewerAsync(access, ct);
                var project = await query.LoadAsync<ImprovementProject>(id, ct);
                // Who may change the project is asked before the file is read, so a refusal says nothing of the file.
                if (ProjectRules.MayChangeNow(project, id, viewer) is { Rejection: { } refused }) throw new ProjectCommandRejected(refused);
                if (project!.Measure(measureId) is not { } measure) return Problems.NotFound($"The project has no measure with the id {measureId}.");
                var file = await BaselineEndpoints.ReadCapped(request.Body, MeasurementUpload.MaxBytes, ct);
                if (file is null)
                    return Results.Problem(statusCode: 413, title: "The file is too large", detail: $"A file of measurements can be at most {MeasurementUpload.MaxBytes / 1024 / 1024} MB.");
                var refusal = await MeasurementUpload.RecordAsync(file, type == MeasurementUpload.CsvContentType, project, measure, viewer,
                    user.ToActor("ProjectMember"), bus, ct);
                if (refusal is not null) return BaselineImport.Refused(new BaselineImport.Outcome(refusal.Status, refusal.Title, refusal.Problems));
                return Results.Ok(ProjectAnswer.Of((await query.LoadAsync<ImprovementProject>(id, ct))!, viewer));
            })
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithMetadata(new LargeUpload(MeasurementUpload.MaxBytes, MeasurementUpload.CsvContentType, Spreadsheets.BaselineWorkbook.ContentType))
            .WithSummary($"Record a measure's data from a file (CSV or .xlsx, up to {MeasurementUpload.MaxBytes / 1024 / 1024} MB and {ProjectRules.MaxRowsPerBatch} rows) whose first row names Period and Value (or the measure's name), and optionally Note: a file with any bad row records nothing, and each bad row is named by its row in the file (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(413).ProducesProblem(415);

        projects.MapPost("/{id:guid}/measures/{measureId:guid}/points/{period}/removal", async (Guid id, Guid measureId, string period, ReasonRequest body,
                ClaimsPrincipal user, Access access, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
                Period(period) is not { } on ? PeriodProblem()
                    : await Send(id, body, access, commands, query, ct, viewer => new RemoveMeasurement(id, measureId, on, body.Reason, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Remove a period's measurement, with why; the project's history keeps it (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPut("/{id:guid}/measures/{measureId:guid}/recalculations/{period}", async (Guid id, Guid measureId, string period, ReasonRequest body,
                ClaimsPrincipal user, Access access, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
                Period(period) is not { } from ? PeriodProblem()
                    : await Send(id, body, access, commands, query, ct,
                        viewer => new RecalculateLimits(id, measureId, from, body.Reason, false, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Recalculate the measure's limits from a period, saying what changed in the process; the period needs data and two points on each side (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapDelete("/{id:guid}/measures/{measureId:guid}/recalculations/{period}", async (Guid id, Guid measureId, string period, ClaimsPrincipal user,
                Access access, CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
                Period(period) is not { } from ? PeriodProblem()
                    : await Send(id, new object(), access, commands, query, ct,
                        viewer => new RecalculateLimits(id, measureId, from, null, true, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Stop recalculating the measure's limits from a period (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPut("/{id:guid}/cycles/{cycleId:guid}", (Guid id, Guid cycleId, PdsaNotes body, ClaimsPrincipal user, Access access,
                CommandDispatcher commands, IQuerySession query, CancellationToken ct) =>
                Send(id, body, access, commands, query, ct, viewer => new RecordPdsaCycle(id, cycleId, body, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Start a PDSA cycle (title and plan), or write up how it went: do, study, act, dates (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPost("/{id:guid}/library", (Guid id, ShareProjectRequest body, ClaimsPrincipal user, Access access, CommandDispatcher commands,
                IQuerySession query, CancellationToken ct) =>
                Send(id, body, access, commands, query, ct,
                    viewer => new ShareProjectWithLibrary(id, body.Region, body.CostBand, body.Sectors ?? [], viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary(ShareSummary)
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        projects.MapPost("/{id:guid}/completion", (Guid id, ProjectSummaryRequest body, ClaimsPrincipal user, Access access, CommandDispatcher commands,
                IQuerySession query, CancellationToken ct) =>
                Send(id, body, access, commands, query, ct, viewer => new CompleteProject(id, body.Summary, viewer, user.ToActor("ProjectMember"))))
            .RequireRateLimiting(WriteRateLimits.Policy)
            .WithSummary("Complete the project with its summary; it is then kept as it ended (its team)")
            .Produces<ProjectAnswer>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private const string ShareSummary =
        "Share the completed project with the learning library: its summary, aim, measures and cycles as text and each measure's XmR chart; " +
        "the entry waits for a library editor, and you can edit it there (its team)";

    public static async Task<ProjectViewer> ViewerAsync(Access access, CancellationToken ct) => new(access.UserId, await access.GroupsWhere(ct));

    private static string NotInGroup(string name) => $"You are not a member of an implementation group named {name}.";

    private static DateOnly? Period(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static IResult PeriodProblem() => Problems.Validation("period", "Give the period as a date: yyyy-mm-dd.");

    /// <summary>Sends the command the viewer makes, then answers with the project as it now stands.</summary>
    private static async Task<IResult> Send(Guid id, object? body, Access access, CommandDispatcher commands, IQuerySession query, CancellationToken ct,
        Func<ProjectViewer, object> command)
    {
        if (body is null) return Problems.Validation("$", "Send a JSON object as the request body.");
        var viewer = await ViewerAsync(access, ct);
        if (await commands.SendAsync(command(viewer), ct) is { } invalid) return invalid;
        return Results.Ok(ProjectAnswer.Of((await query.LoadAsync<ImprovementProject>(id, ct))!, viewer));
    }
}

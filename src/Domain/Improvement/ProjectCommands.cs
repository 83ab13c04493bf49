using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Improvement;

/// <summary>What a project started from a decision needs to know of the review, read by the handler.</summary>
public sealed record DecidedReview(
    Guid ReviewId, string Group, string GuidanceNumber, bool IsDecided, IReadOnlyCollection<string> Recommendations, IReadOnlyCollection<string> Actions);

/// <summary>
/// Someone with a role in a group starts a project there, on its own or from one of its decisions (then linked to the
/// recommendations and agreed actions it works on). They are on its team, with anyone else they name.
/// </summary>
public sealed record StartProject(
    Guid ProjectId, string Group, string Title, Aim Aim, Guid? ReviewId, IReadOnlyList<string>? Recommendations, IReadOnlyList<string>? Actions,
    IReadOnlyList<ProjectMember>? Team, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? existing, StartProject c, DecidedReview? review, DateTimeOffset now)
    {
        if (!ProjectRules.MayStart(c.Group, c.By)) return Decision.Forbid($"Only people with a role in {c.Group} can start a project there.");
        if (existing is not null)
            return existing.StartedBy == c.Actor.UserId && existing.Title == c.Title.Trim() && existing.Group == c.Group
                ? Decision.Accept() // the same form sent twice
                : Decision.Reject($"A project with the id {c.ProjectId} already exists.");
        if (ProjectRules.AimProblem(c.Title, c.Aim, UkTime.DateOf(now)) is { } aim) return Decision.Reject(aim);
        var recommendations = (c.Recommendations ?? []).Select(r => r.Trim()).Distinct().ToList();
        var actions = (c.Actions ?? []).Select(a => a.Trim()).Distinct().ToList();
        if (c.ReviewId is { } reviewId)
        {
            if (review is null || review.ReviewId != reviewId) return Decision.NotFoundWith(Decision.NoSuchReview(reviewId));
            if (review.Group != c.Group) return Decision.Reject($"That review is {review.Group}'s, not {c.Group}'s: start the project in its group.");
            if (!review.IsDecided) return Decision.Reject("A project starts from a decision: the review has not been decided yet.");
            if (recommendations.FirstOrDefault(r => !review.Recommendations.Contains(r)) is { } unknown)
                return Decision.Reject($"The review has no recommendation {unknown}.");
            if (actions.FirstOrDefault(a => !review.Actions.Contains(a)) is { } action)
                return Decision.Reject($"The decision agreed no action \"{action}\".");
        }
        else if (recommendations.Count > 0 || actions.Count > 0)
            return Decision.Reject("Recommendations and actions are linked from a decision: name its review.");

        var team = new List<ProjectMember> { new(c.Actor.UserId, c.Actor.Name) };
        team.AddRange((c.Team ?? []).Where(m => team.All(t => t.UserId != m.UserId)).DistinctBy(m => m.UserId));
        return Decision.Accept(new ProjectStarted(c.ProjectId, c.Group, c.Title.Trim(), Trimmed(c.Aim), c.ReviewId, review?.GuidanceNumber,
            recommendations, actions, team, c.Actor.UserId, now));
    }

    internal static Aim Trimmed(Aim a) => new(a.What.Trim(), a.HowMuch.Trim(), a.ByWhen);
}

public sealed record ReviseAim(Guid ProjectId, string Title, Aim Aim, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, ReviseAim c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        // A revised aim may keep a date already passed only if it is the date it had.
        var today = UkTime.DateOf(now);
        if (ProjectRules.AimProblem(c.Title, c.Aim, c.Aim?.ByWhen == project!.Aim.ByWhen ? DateOnly.MinValue : today) is { } aim) return Decision.Reject(aim);
        var revised = StartProject.Trimmed(c.Aim!);
        if (revised == project.Aim && c.Title.Trim() == project.Title) return Decision.Accept();
        return Decision.Accept(new ProjectAimRevised(project.Id, c.Title.Trim(), revised, now));
    }
}

/// <summary>A team member adds someone with a role in the project's group (the handler says whether they have one).</summary>
public sealed record AddProjectMember(Guid ProjectId, ProjectMember Member, bool InGroup, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, AddProjectMember c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        if (ProjectRules.IsMember(project!, c.Member.UserId)) return Decision.Accept();
        if (!c.InGroup) return Decision.Reject($"{c.Member.UserId} has no role in {project!.Group}: the team is drawn from the group.");
        return Decision.Accept(new ProjectMemberAdded(project!.Id, c.Member, now));
    }
}

public sealed record RemoveProjectMember(Guid ProjectId, string UserId, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, RemoveProjectMember c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        if (!ProjectRules.IsMember(project!, c.UserId)) return Decision.Accept();
        if (project!.Team.Count == 1) return Decision.Reject("A project keeps at least one team member: add someone before removing the last.");
        return Decision.Accept(new ProjectMemberRemoved(project.Id, c.UserId, now));
    }
}

/// <summary>Defines a measure, or (with the id of one already defined) revises its definition.</summary>
public sealed record DefineMeasure(Guid ProjectId, Guid MeasureId, MeasureDefinition Definition, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, DefineMeasure c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        var existing = project!.Measure(c.MeasureId);
        if (ProjectRules.MeasureProblem(c.Definition, project.Measures.Where(m => m.Id != c.MeasureId)) is { } problem) return Decision.Reject(problem);
        var definition = c.Definition with { Name = c.Definition.Name.Trim(), OperationalDefinition = c.Definition.OperationalDefinition.Trim(), Unit = c.Definition.Unit.Trim() };
        if (existing is null)
            return project.Measures.Count >= ProjectRules.MaxMeasures
                ? Decision.Reject($"A project has at most {ProjectRules.MaxMeasures} measures.")
                : Decision.Accept(new MeasureDefined(project.Id, c.MeasureId, definition, now));
        return existing.Definition == definition ? Decision.Accept() : Decision.Accept(new MeasureRevised(project.Id, c.MeasureId, definition, now));
    }
}

/// <summary>
/// A batch of measurements for one measure, from a page, a file or the API: every row is checked first and a batch with
/// any bad row records nothing (each bad row named). Values for periods already recorded replace them; unchanged rows add nothing.
/// </summary>
public sealed record RecordMeasurements(
    Guid ProjectId, Guid MeasureId, IReadOnlyList<Measurement?> Points, MeasurementSource Source, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, RecordMeasurements c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        if (project!.Measure(c.MeasureId) is not { } measure) return Decision.NotFoundWith($"The project has no measure with the id {c.MeasureId}.");
        var problems = ProjectRules.RowProblems(c.Points);
        if (problems.Count > 0)
            return Decision.Reject(string.Join(" ", problems.Take(10).Select(p => p.Message))
                + (problems.Count > 10 ? $" And {problems.Count - 10} more problems." : "") + " Nothing was recorded.");
        var rows = c.Points.Select(p => p! with { Note = string.IsNullOrWhiteSpace(p.Note) ? null : p.Note.Trim() }).ToList();
        var changed = rows.Where(r => !measure.Points.Contains(r)).OrderBy(r => r.Period).ToList();
        if (changed.Count == 0) return Decision.Accept();
        if (measure.With(changed).Count > ProjectRules.MaxPointsPerMeasure)
            return Decision.Reject($"A measure holds at most {ProjectRules.MaxPointsPerMeasure} points. Nothing was recorded.");
        return Decision.Accept(new MeasurementsRecorded(project.Id, measure.Id, changed, c.Source, now));
    }
}

public sealed record RemoveMeasurement(Guid ProjectId, Guid MeasureId, DateOnly Period, string Reason, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, RemoveMeasurement c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        if (project!.Measure(c.MeasureId) is not { } measure) return Decision.NotFoundWith($"The project has no measure with the id {c.MeasureId}.");
        if (measure.Points.All(p => p.Period != c.Period)) return Decision.Accept();
        if (string.IsNullOrWhiteSpace(c.Reason)) return Decision.Reject("Say why the measurement is removed: the chart's history keeps it.");
        return Decision.Accept(new MeasurementRemoved(project.Id, measure.Id, c.Period, c.Reason.Trim(), now));
    }
}

/// <summary>The team says the process changed at a period: limits are worked out afresh from it (or no longer are, when withdrawn).</summary>
public sealed record RecalculateLimits(Guid ProjectId, Guid MeasureId, DateOnly From, string? Reason, bool Withdraw, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, RecalculateLimits c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        if (project!.Measure(c.MeasureId) is not { } measure) return Decision.NotFoundWith($"The project has no measure with the id {c.MeasureId}.");
        var already = measure.RecalculateFrom.Contains(c.From);
        if (c.Withdraw)
            return already ? Decision.Accept(new LimitsRecalculationWithdrawn(project.Id, measure.Id, c.From, now)) : Decision.Accept();
        if (already) return Decision.Accept();
        if (string.IsNullOrWhiteSpace(c.Reason)) return Decision.Reject("Say what changed in the process at that point.");
        // The chart's own rule: a period with data, leaving at least two points on each side of every recalculation.
        if (ProcessControl.RecalculationProblems(measure.Data, measure.RecalculateFrom.Add(c.From)).FirstOrDefault() is { } problem)
            return Decision.Reject(problem);
        return Decision.Accept(new LimitsRecalculated(project.Id, measure.Id, c.From, c.Reason.Trim(), now));
    }
}

/// <summary>Starts a PDSA cycle, or (with the id of one already started) writes up how it went.</summary>
public sealed record RecordPdsaCycle(Guid ProjectId, Guid CycleId, PdsaNotes Notes, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, RecordPdsaCycle c, DateTimeOffset now)
    {
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        if (ProjectRules.PdsaProblem(c.Notes) is { } problem) return Decision.Reject(problem);
        var notes = c.Notes with { Title = c.Notes.Title.Trim(), Plan = c.Notes.Plan.Trim(), Do = Clean(c.Notes.Do), Study = Clean(c.Notes.Study), Act = Clean(c.Notes.Act) };
        var existing = project!.Cycles.Find(x => x.Id == c.CycleId);
        if (existing is null) return Decision.Accept(new PdsaCycleStarted(project.Id, c.CycleId, project.Cycles.Count + 1, notes, now));
        return existing.Notes == notes ? Decision.Accept() : Decision.Accept(new PdsaCycleRevised(project.Id, c.CycleId, notes, now));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The team closes the project with its summary: what changed, what the measures showed, what others could learn.</summary>
public sealed record CompleteProject(Guid ProjectId, string Summary, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, CompleteProject c, DateTimeOffset now)
    {
        if (project is { Status: ProjectStatus.Completed } done && ProjectRules.MayEdit(done, c.By) && done.Summary == c.Summary?.Trim())
            return Decision.Accept(); // the same completion sent twice
        if (ProjectRules.MayChangeNow(project, c.ProjectId, c.By) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(c.Summary)) return Decision.Reject("Write the project's summary: what changed and what the measures showed.");
        return Decision.Accept(new ProjectCompleted(project!.Id, c.Summary.Trim(), now));
    }
}

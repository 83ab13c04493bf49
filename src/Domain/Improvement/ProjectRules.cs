using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Improvement;

/// <summary>Who is reading or acting, as the server knows them: the groups they hold a role in (chair, commissioner and so on).</summary>
public sealed record ProjectViewer(string UserId, IReadOnlyCollection<string> Groups)
{
    public bool BelongsTo(string group) => Groups.Contains(group);
}

/// <summary>
/// The one home of who may see and change an improvement project. Anyone with a role in the project's group reads it
/// (its chairs and commissioners among them); its team edits it; anyone with a role in a group may start one there.
/// A completed project is read, not changed.
/// </summary>
public static class ProjectRules
{
    public const int MaxMeasures = 20;
    public const int MaxPointsPerMeasure = 2000;
    public const int MaxRowsPerBatch = 1000;
    public const decimal LargestValue = 1_000_000_000_000m;
    public const string TeamOnly = "Only the project's team can change it.";

    public static bool MayStart(string group, ProjectViewer viewer) => viewer.BelongsTo(group);

    public static bool MayRead(ImprovementProject project, ProjectViewer viewer) =>
        viewer.BelongsTo(project.Group) || IsMember(project, viewer.UserId);

    public static bool MayEdit(ImprovementProject project, ProjectViewer viewer) => IsMember(project, viewer.UserId);

    /// <summary>Whether the viewer may share the project with the library now: its team, once it is completed, and only once.</summary>
    public static bool MayShare(ImprovementProject project, ProjectViewer viewer) =>
        MayEdit(project, viewer) && project.Status == ProjectStatus.Completed && project.LibraryEntryId is null;

    public static bool IsMember(ImprovementProject project, string userId) => project.Team.Any(m => m.UserId == userId);

    public static string NoSuchProject(Guid id) => $"No improvement project has the id {id}.";

    /// <summary>Why <paramref name="viewer"/> may not change the project now, or null when they may.</summary>
    public static Decision? MayChangeNow(ImprovementProject? project, Guid projectId, ProjectViewer viewer)
    {
        if (project is null || !MayRead(project, viewer)) return Decision.NotFoundWith(NoSuchProject(projectId));
        if (!MayEdit(project, viewer)) return Decision.Forbid(TeamOnly);
        if (project.Status == ProjectStatus.Completed) return Decision.Reject("The project is completed: it is kept as it ended, not changed.");
        return null;
    }

    public static string? AimProblem(string? title, Aim? aim, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(title)) return "Give the project a title.";
        if (aim is null || string.IsNullOrWhiteSpace(aim.What)) return "Say what the project aims to improve.";
        if (string.IsNullOrWhiteSpace(aim.HowMuch)) return "Say by how much (the aim's measurable change).";
        if (aim.ByWhen < today) return $"The aim's date ({aim.ByWhen:d MMM yyyy}) has passed: choose a date from today.";
        return null;
    }

    public static string? MeasureProblem(MeasureDefinition? d, IEnumerable<ProjectMeasure> others)
    {
        if (d is null) return "Send the measure's definition.";
        if (string.IsNullOrWhiteSpace(d.Name)) return "Name the measure.";
        if (string.IsNullOrWhiteSpace(d.OperationalDefinition)) return "Give the measure's operational definition: exactly what is counted, from where, how often.";
        if (string.IsNullOrWhiteSpace(d.Unit)) return "Give the measure's unit (for example \"%\", \"days\", \"patients\").";
        if (!Enum.IsDefined(d.Direction)) return "Say which way the measure improves: HigherIsBetter, LowerIsBetter or Neither.";
        if (d.Baseline is { } b && Math.Abs(b) > LargestValue) return "The baseline is too large.";
        if (d.Target is { } t && Math.Abs(t) > LargestValue) return "The target is too large.";
        if (others.Any(m => string.Equals(m.Definition.Name.Trim(), d.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
            return $"The project already has a measure called \"{d.Name.Trim()}\".";
        return null;
    }

    /// <summary>Every bad row of a batch of measurements, by row (from 1) and field, so a spreadsheet's author can put each right.</summary>
    public static IReadOnlyList<(int Row, string Field, string Message)> RowProblems(IReadOnlyList<Measurement?> rows)
    {
        var problems = new List<(int, string, string)>();
        if (rows.Count == 0) problems.Add((0, "points", "Send at least one measurement."));
        if (rows.Count > MaxRowsPerBatch) problems.Add((0, "points", $"Send at most {MaxRowsPerBatch} measurements at a time."));
        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 1;
            if (rows[i] is not { } m)
            {
                problems.Add((row, "row", $"Row {row} is empty."));
                continue;
            }
            if (m.Period.Year is < 2000 or > 2100) problems.Add((row, "period", $"Row {row}: the period must be a date between 2000 and 2100."));
            else if (seen.TryGetValue(m.Period, out var first))
                problems.Add((row, "period", $"Row {row}: {m.Period:d MMM yyyy} is also in row {first}; send one value per period."));
            else seen[m.Period] = row;
            if (Math.Abs(m.Value) > LargestValue) problems.Add((row, "value", $"Row {row}: the value is too large."));
            if (m.Note is { Length: > 500 }) problems.Add((row, "note", $"Row {row}: the note is longer than 500 characters."));
        }
        return problems;
    }

    public static string? PdsaProblem(PdsaNotes? notes)
    {
        if (notes is null || string.IsNullOrWhiteSpace(notes.Title)) return "Give the cycle a title: the change being tested.";
        if (string.IsNullOrWhiteSpace(notes.Plan)) return "Write the plan: what will be tried, who does it, what is predicted and measured.";
        if (notes is { StartedOn: { } s, EndedOn: { } e } && e < s) return "The cycle cannot end before it starts.";
        return null;
    }
}

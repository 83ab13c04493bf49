using System.Collections.Immutable;

namespace GuidanceFlow.Domain.Improvement;

// An improvement project: the measured change that follows a decision (or stands on its own). Each project is a stream
// of its own, so every change to its aim, team, measures, data and PDSA cycles keeps who acted and when.

public interface IProjectEvent
{
    Guid ProjectId { get; }
}

/// <summary>What the project sets out to do: what, by how much, by when.</summary>
public sealed record Aim(string What, string HowMuch, DateOnly ByWhen);

/// <summary>Someone on the project's team: they edit it.</summary>
public sealed record ProjectMember(string UserId, string Name);

/// <summary>
/// A measure as the team defines it: the operational definition says exactly what is counted, so a value means the same
/// every period; the direction says which way is better; the target (if any) is what the assurance icon tests.
/// </summary>
public sealed record MeasureDefinition(
    string Name, string OperationalDefinition, string Unit, Direction Direction, decimal? Baseline = null, decimal? Target = null);

/// <summary>One value entered for a period, with a note of anything unusual about it.</summary>
public sealed record Measurement(DateOnly Period, decimal Value, string? Note = null);

/// <summary>How measurements arrived: typed on a page, uploaded as a file, or posted by an integrator.</summary>
public enum MeasurementSource { Page, Upload, Api }

/// <summary>A plan-do-study-act cycle: a small test of change, written up as it goes.</summary>
public sealed record PdsaNotes(
    string Title, string Plan, string? Do = null, string? Study = null, string? Act = null, DateOnly? StartedOn = null, DateOnly? EndedOn = null);

public enum ProjectStatus { Active, Completed }

public sealed record ProjectStarted(
    Guid ProjectId, string Group, string Title, Aim Aim, Guid? ReviewId, string? GuidanceNumber, IReadOnlyList<string> Recommendations,
    IReadOnlyList<string> Actions, IReadOnlyList<ProjectMember> Team, string StartedBy, DateTimeOffset StartedAt) : IProjectEvent;

/// <summary>The team shared the completed project with the learning library, as the entry <paramref name="EntryId"/>.</summary>
public sealed record ProjectSharedWithLibrary(Guid ProjectId, Guid EntryId, DateTimeOffset At) : IProjectEvent;

public sealed record ProjectAimRevised(Guid ProjectId, string Title, Aim Aim, DateTimeOffset RevisedAt) : IProjectEvent;

public sealed record ProjectMemberAdded(Guid ProjectId, ProjectMember Member, DateTimeOffset AddedAt) : IProjectEvent;

public sealed record ProjectMemberRemoved(Guid ProjectId, string UserId, DateTimeOffset RemovedAt) : IProjectEvent;

public sealed record MeasureDefined(Guid ProjectId, Guid MeasureId, MeasureDefinition Definition, DateTimeOffset DefinedAt) : IProjectEvent;

public sealed record MeasureRevised(Guid ProjectId, Guid MeasureId, MeasureDefinition Definition, DateTimeOffset RevisedAt) : IProjectEvent;

/// <summary>New values, and corrected ones (a period already recorded takes the value sent), in one batch: all or none.</summary>
public sealed record MeasurementsRecorded(
    Guid ProjectId, Guid MeasureId, IReadOnlyList<Measurement> Points, MeasurementSource Source, DateTimeOffset RecordedAt) : IProjectEvent;

public sealed record MeasurementRemoved(Guid ProjectId, Guid MeasureId, DateOnly Period, string Reason, DateTimeOffset RemovedAt) : IProjectEvent;

/// <summary>The process changed at this period (a change tested in a PDSA cycle took hold): limits are worked out afresh from it.</summary>
public sealed record LimitsRecalculated(Guid ProjectId, Guid MeasureId, DateOnly From, string Reason, DateTimeOffset At) : IProjectEvent;

public sealed record LimitsRecalculationWithdrawn(Guid ProjectId, Guid MeasureId, DateOnly From, DateTimeOffset At) : IProjectEvent;

public sealed record PdsaCycleStarted(Guid ProjectId, Guid CycleId, int Number, PdsaNotes Notes, DateTimeOffset At) : IProjectEvent;

public sealed record PdsaCycleRevised(Guid ProjectId, Guid CycleId, PdsaNotes Notes, DateTimeOffset At) : IProjectEvent;

/// <summary>The team closed the project with what it found: the summary the learning library can publish.</summary>
public sealed record ProjectCompleted(Guid ProjectId, string Summary, DateTimeOffset CompletedAt) : IProjectEvent;

/// <summary>One of the project's measures with its data (ordered by period) and the periods its limits are recalculated from.</summary>
public sealed record ProjectMeasure(Guid Id, MeasureDefinition Definition)
{
    public ImmutableList<Measurement> Points { get; init; } = [];
    public ImmutableList<DateOnly> RecalculateFrom { get; init; } = [];

    public IReadOnlyList<DataPoint> Data => Points.Select(p => new DataPoint(p.Period, p.Value)).ToList();

    /// <summary>The measure's XmR chart, with its icons against its direction and target.</summary>
    public ControlChart Chart() => ProcessControl.Chart(Data, RecalculateFrom, Definition.Direction, Definition.Target);

    /// <summary>The points with <paramref name="recorded"/> in place: a period already there takes the new value.</summary>
    public ImmutableList<Measurement> With(IEnumerable<Measurement> recorded) =>
        Points.RemoveAll(p => recorded.Any(r => r.Period == p.Period)).AddRange(recorded).Sort((a, b) => a.Period.CompareTo(b.Period));
}

public sealed record PdsaCycle(Guid Id, int Number, PdsaNotes Notes, DateTimeOffset ChangedAt);

public sealed record ImprovementProject(Guid Id, string Group, string StartedBy, DateTimeOffset StartedAt)
{
    public string Title { get; init; } = "";
    public Aim Aim { get; init; } = new("", "", default);
    public ProjectStatus Status { get; init; }
    public Guid? ReviewId { get; init; }
    public string? GuidanceNumber { get; init; }
    public ImmutableList<string> Recommendations { get; init; } = [];
    public ImmutableList<string> Actions { get; init; } = [];
    public ImmutableList<ProjectMember> Team { get; init; } = [];
    public ImmutableList<ProjectMeasure> Measures { get; init; } = [];
    public ImmutableList<PdsaCycle> Cycles { get; init; } = [];
    public string? Summary { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The library entry the project was shared as, once it was.</summary>
    public Guid? LibraryEntryId { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>The audit hash of the stream's last event; the rules never read it.</summary>
    public string ChainHead { get; init; } = "";

    public ProjectMeasure? Measure(Guid id) => Measures.Find(m => m.Id == id);

    public static ImprovementProject? Evolve(ImprovementProject? project, object e) => e switch
    {
        ProjectStarted s => new ImprovementProject(s.ProjectId, s.Group, s.StartedBy, s.StartedAt)
        {
            Title = s.Title, Aim = s.Aim, ReviewId = s.ReviewId, GuidanceNumber = s.GuidanceNumber,
            Recommendations = [.. s.Recommendations], Actions = [.. s.Actions], Team = [.. s.Team], LastChangedAt = s.StartedAt,
        },
        _ when project is null => null,
        ProjectAimRevised r => project with { Title = r.Title, Aim = r.Aim, LastChangedAt = r.RevisedAt },
        ProjectMemberAdded a => project with { Team = project.Team.Add(a.Member), LastChangedAt = a.AddedAt },
        ProjectMemberRemoved r => project with { Team = project.Team.RemoveAll(m => m.UserId == r.UserId), LastChangedAt = r.RemovedAt },
        MeasureDefined d => project with { Measures = project.Measures.Add(new ProjectMeasure(d.MeasureId, d.Definition)), LastChangedAt = d.DefinedAt },
        MeasureRevised r => Changed(project, r.MeasureId, m => m with { Definition = r.Definition }, r.RevisedAt),
        MeasurementsRecorded m => Changed(project, m.MeasureId, x => x with { Points = x.With(m.Points) }, m.RecordedAt),
        MeasurementRemoved m => Changed(project, m.MeasureId, x => x with { Points = x.Points.RemoveAll(p => p.Period == m.Period) }, m.RemovedAt),
        LimitsRecalculated l => Changed(project, l.MeasureId, x => x with { RecalculateFrom = x.RecalculateFrom.Add(l.From).Sort() }, l.At),
        LimitsRecalculationWithdrawn l => Changed(project, l.MeasureId, x => x with { RecalculateFrom = x.RecalculateFrom.Remove(l.From) }, l.At),
        PdsaCycleStarted c => project with { Cycles = project.Cycles.Add(new PdsaCycle(c.CycleId, c.Number, c.Notes, c.At)), LastChangedAt = c.At },
        PdsaCycleRevised c => project with
        {
            Cycles = project.Cycles.Select(x => x.Id == c.CycleId ? x with { Notes = c.Notes, ChangedAt = c.At } : x).ToImmutableList(),
            LastChangedAt = c.At,
        },
        ProjectCompleted c => project with { Status = ProjectStatus.Completed, Summary = c.Summary, CompletedAt = c.CompletedAt, LastChangedAt = c.CompletedAt },
        ProjectSharedWithLibrary l => project with { LibraryEntryId = l.EntryId, LastChangedAt = l.At },
        // A project event added without a case here is a mistake, not something to skip.
        IProjectEvent p => throw new InvalidOperationException($"The project fold does not name {p.GetType().Name}."),
        _ => project,
    };

    private static ImprovementProject Changed(ImprovementProject project, Guid measureId, Func<ProjectMeasure, ProjectMeasure> change, DateTimeOffset at) =>
        project with { Measures = project.Measures.Select(m => m.Id == measureId ? change(m) : m).ToImmutableList(), LastChangedAt = at };
}

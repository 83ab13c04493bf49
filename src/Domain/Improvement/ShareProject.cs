using System.Text;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Improvement;

/// <summary>
/// The team shares a completed project with the learning library: its summary, aim, measures and cycles, and each measure's
/// chart. The entry then waits for a library editor, as any submitted practice does, and its author may edit it there.
/// Shared once; a group that never publishes to the library is refused.
/// </summary>
public sealed record ShareProjectWithLibrary(Guid ProjectId, NhsRegion? Region, CostBand CostBand, IReadOnlyList<Sector> Sectors, ProjectViewer By, Actor Actor)
{
    public static Decision Decide(ImprovementProject? project, bool groupNeverPublishes, ShareProjectWithLibrary c, DateTimeOffset now)
    {
        if (project is null || !ProjectRules.MayRead(project, c.By)) return Decision.NotFoundWith(ProjectRules.NoSuchProject(c.ProjectId));
        if (!ProjectRules.MayEdit(project, c.By)) return Decision.Forbid(ProjectRules.TeamOnly);
        if (project.LibraryEntryId is not null) return Decision.Accept(); // shared already: the same press twice
        if (project.Status != ProjectStatus.Completed)
            return Decision.Reject("Share a project with the library once it is completed: its summary is what other groups read.");
        if (groupNeverPublishes) return Decision.Reject(LibraryRules.GroupNeverPublishes(project.Group));
        var entryId = LibraryEntry.ProjectEntryIdFor(project.Id);
        return Decision.Accept(
            new ProjectSharedWithLibrary(project.Id, entryId, now),
            new ProjectSubmittedToLibrary(entryId, project.Id, ProjectLibraryDraft.Content(project, c.Region, c.CostBand, c.Sectors),
                ProjectLibraryDraft.Charts(project), c.Actor.UserId, c.Actor.Name, c.Actor.Email, now));
    }
}

/// <summary>A completed project as the library shows it: written from the project's own record, people named by no one but the group.</summary>
public static class ProjectLibraryDraft
{
    private const int MaxSection = 20_000;
    private const int MaxSummary = 1_000;

    public static LibraryContent Content(ImprovementProject p, NhsRegion? region, CostBand band, IReadOnlyList<Sector> sectors)
    {
        var sections = new List<LibrarySection>
        {
            new("What happened", Cap(p.Summary ?? "", MaxSection)),
            new("The aim", $"{p.Aim.What}\nBy how much: {p.Aim.HowMuch}\nBy when: {ProcessControlWords.Period(p.Aim.ByWhen)}"),
        };
        if (p.Measures.Count > 0)
            sections.Add(new("Measures and what they showed", Cap(string.Join("\n", p.Measures.Select(Measure)), MaxSection)));
        if (p.Cycles.Count > 0)
            sections.Add(new("Plan-do-study-act cycles", Cap(string.Join("\n\n", p.Cycles.Select(Cycle)), MaxSection)));
        return new LibraryContent(
            Title: p.Title,
            Summary: Cap(p.Summary ?? p.Aim.What, MaxSummary),
            Sections: sections,
            Guidance: p.GuidanceNumber is { } g ? [g] : [],
            Sectors: sectors.Distinct().Order().ToList(),
            Region: region,
            CostBand: band,
            Organisation: p.Group,
            ServiceArea: "Quality improvement");
    }

    /// <summary>Each measure with data, to draw its chart; the notes on points stay with the project.</summary>
    public static IReadOnlyList<LibraryChart> Charts(ImprovementProject p) =>
        p.Measures.Where(m => m.Points.Count > 0).Select(m => new LibraryChart(m.Definition.Name, m.Definition.Unit, m.Definition.Direction,
            m.Definition.Target, m.Points.Select(x => x with { Note = null }).ToList(), [.. m.RecalculateFrom])).ToList();

    private static string Measure(ProjectMeasure m)
    {
        var chart = m.Chart();
        var text = new StringBuilder($"- {m.Definition.Name} ({m.Definition.Unit}): {m.Definition.OperationalDefinition}");
        if (m.Definition.Baseline is { } b) text.Append($" Baseline {ProcessControlWords.Number(b)}.");
        text.Append(' ').Append(ProcessControlWords.Describe(chart, m.Definition.Target));
        if (m.Definition.Target is not null) text.Append(' ').Append(ProcessControlWords.Assurance(chart.Assurance)).Append('.');
        return text.ToString();
    }

    private static string Cycle(PdsaCycle c)
    {
        var n = c.Notes;
        var parts = new[] { ("Plan", n.Plan), ("Do", n.Do), ("Study", n.Study), ("Act", n.Act) }
            .Where(x => !string.IsNullOrWhiteSpace(x.Item2)).Select(x => $"{x.Item1}: {x.Item2}");
        return $"Cycle {c.Number}: {n.Title}\n{string.Join("\n", parts)}";
    }

    /// <summary>The text cut at a word before <paramref name="max"/> characters, marked as cut.</summary>
    private static string Cap(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max - 2);
        return text[..(cut > max / 2 ? cut : max - 1)] + "…";
    }
}

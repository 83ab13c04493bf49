using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>
/// The group's compliance per recommendation at each assessment, as a table a person reads: a row per recommendation,
/// a column per assessment (the baseline, then each re-assessment round). Shared by the review's overview and the decision audit.
/// </summary>
public sealed record ComplianceOverTimeView(IReadOnlyList<ComplianceAssessment> Assessments, IReadOnlyDictionary<string, string> Texts, string Caption)
{
    /// <summary>Every recommendation assessed at any time, in the order of the latest grid, then older numbers.</summary>
    public IReadOnlyList<string> Numbers =>
        Assessments.Reverse().SelectMany(a => a.Numbers).Distinct().ToList();

    public static string Heading(ComplianceAssessment a) => $"{ReassessmentRules.Name(a.Round)}, {Words.Date(UkTime.DateOf(a.At))}";

    public static string Cell(ComplianceAssessment a, string number) => a.Numbers.Contains(number)
        ? a.Of(number) is { } c ? Words.Compliance(c) : "Not assessed"
        : "Not in the grid then";

    /// <summary>How the group stood overall at one assessment: for the audit, the CSV and the table's last row.</summary>
    public static string Summary(ComplianceAssessment a)
    {
        var c = a.Count();
        return $"{ReassessmentRules.Name(a.Round)} {Words.Date(UkTime.DateOf(a.At))}: met {c.Met}, partially met {c.PartiallyMet}, not met {c.NotMet}, not applicable {c.NotApplicable}";
    }
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Triage;

/// <summary>
/// The group's triage lead or chair records whether a product matters to the group. It can be changed
/// (each change is an event) until the group opens its review from it.
/// </summary>
public sealed record RecordTriage(
    Guid TriageId,
    TriageOutcome Outcome,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Organisations,
    string? ClinicalLead,
    string? ManagerialLead,
    string? Reason,
    string? CoveredBy,
    Actor Actor)
{
    public static Decision Decide(TriageItem? item, RecordTriage command, DateTimeOffset now)
    {
        if (item is null) return Decision.NotFoundWith(TriageRules.NoSuchItem(command.TriageId));
        if (item.ReviewId is { } reviewId)
            return Decision.Reject($"The group has opened its review of {item.GuidanceNumber} from this triage (review {reviewId}); the triage can no longer change.");
        if (Problems(command).Select(p => p.Message).FirstOrDefault() is { } problem) return Decision.Reject(problem);

        object e = command.Outcome switch
        {
            TriageOutcome.Relevant => new GuidanceTriagedRelevant(item.Id, Clean(command.Services), Clean(command.Organisations),
                command.ClinicalLead!.Trim(), command.ManagerialLead!.Trim(), now),
            TriageOutcome.NotRelevant => new GuidanceTriagedNotRelevant(item.Id, command.Reason!.Trim(), now),
            _ => new GuidanceTriagedAlreadyCovered(item.Id, command.CoveredBy!.Trim(), now),
        };
        // The same decision again (a resubmitted form) changes nothing.
        var after = TriageItem.Evolve(item, e)!.Decision!;
        return item.Decision is { } before && SameDecision(before, after) ? Decision.Accept() : Decision.Accept(e);
    }

    /// <summary>What each outcome needs, by the field that lacks it, in words the triage lead can act on; empty when complete.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(RecordTriage c)
    {
        switch (c.Outcome)
        {
            case TriageOutcome.Relevant:
                if (Clean(c.Services).Count == 0 && Clean(c.Organisations).Count == 0)
                    yield return ("services", "Name at least one service or organisation the guidance affects.");
                if (string.IsNullOrWhiteSpace(c.ClinicalLead)) yield return ("clinicalLead", "Name the clinical lead.");
                if (string.IsNullOrWhiteSpace(c.ManagerialLead)) yield return ("managerialLead", "Name the managerial lead.");
                break;
            case TriageOutcome.NotRelevant:
                if (string.IsNullOrWhiteSpace(c.Reason)) yield return ("reason", "Say why the guidance is not relevant to the group.");
                break;
            case TriageOutcome.AlreadyCovered:
                if (string.IsNullOrWhiteSpace(c.CoveredBy)) yield return ("coveredBy", "Say which review already covers the guidance.");
                break;
        }
    }

    private static IReadOnlyList<string> Clean(IReadOnlyList<string>? items) =>
        (items ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static bool SameDecision(TriageDecision a, TriageDecision b) =>
        a.Outcome == b.Outcome && a.Services.SequenceEqual(b.Services) && a.Organisations.SequenceEqual(b.Organisations)
        && a.ClinicalLead == b.ClinicalLead && a.ManagerialLead == b.ManagerialLead && a.Reason == b.Reason && a.CoveredBy == b.CoveredBy;
}

public static class TriageRules
{
    public static string NoSuchItem(Guid id) => $"No triage item has the id {id}.";
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Library;

/// <summary>
/// Who is reading or acting in the library, as the server knows them: whether they are one of the library's
/// editors (configuration, never a request), and the groups they chair (membership).
/// </summary>
public sealed record LibraryViewer(string UserId, bool IsEditor, IReadOnlyCollection<string> ChairOf)
{
    public bool Chairs(string? group) => group is not null && ChairOf.Contains(group);
}

/// <summary>
/// The one home of who may see and do what in the library, for the API, the pages and the rules alike. Anyone signed in
/// reads what is published. A case study is its group's until its chair publishes it: before that only the group's chairs
/// see it, editors included. A good-practice entry not (or no longer) published is seen by its author and the editors.
/// </summary>
public static class LibraryRules
{
    public const string EditorsOnly = "Only the library's editors can moderate entries.";
    public const string ChairsOnly = "Only a chair of the review's group can do this to its case study.";
    public const string AuthorOnly = "Only the entry's author can change it.";
    public const string WithdrawRefused = "Only the entry's author (for a case study, a chair of its group) or a library editor can withdraw it.";

    public static bool MayRead(LibraryEntry entry, LibraryViewer viewer) =>
        entry.Status == LibraryEntryStatus.Published
        || (entry.Kind == LibraryEntryKind.CaseStudy ? viewer.Chairs(entry.Group) : IsAuthor(entry, viewer) || viewer.IsEditor);

    /// <summary>Whether the viewer sees the entry's history (every draft, edit and moderation): whoever may act on it.</summary>
    public static bool MayReadHistory(LibraryEntry entry, LibraryViewer viewer) =>
        viewer.IsEditor || (entry.Kind == LibraryEntryKind.CaseStudy ? viewer.Chairs(entry.Group) : IsAuthor(entry, viewer));

    public static bool MayRevise(LibraryEntry entry, LibraryViewer viewer) =>
        entry.Kind == LibraryEntryKind.CaseStudy ? viewer.Chairs(entry.Group) : IsAuthor(entry, viewer);

    public static bool MayPublish(LibraryEntry entry, LibraryViewer viewer) =>
        entry.Kind == LibraryEntryKind.CaseStudy ? viewer.Chairs(entry.Group) : viewer.IsEditor;

    public static bool MayModerate(LibraryViewer viewer) => viewer.IsEditor;

    public static bool MayWithdraw(LibraryEntry entry, LibraryViewer viewer) => viewer.IsEditor || MayRevise(entry, viewer);

    /// <summary>A case study's later news is its group's to add.</summary>
    public static bool MayAddUpdate(LibraryEntry entry, LibraryViewer viewer) =>
        entry.Kind == LibraryEntryKind.CaseStudy && viewer.Chairs(entry.Group);

    /// <summary>Whether an entry in this state can still be edited by its author (not published, rejected or withdrawn).</summary>
    public static bool IsOpenForEdits(LibraryEntry entry) =>
        entry.Status is LibraryEntryStatus.Draft or LibraryEntryStatus.AwaitingModeration or LibraryEntryStatus.ChangesRequested;

    /// <summary>A review's case study can be drafted once the review has a decision.</summary>
    public static bool IsDecided(ReviewStatus status) => status is ReviewStatus.Decided or ReviewStatus.UnderReview or ReviewStatus.Reassessing or ReviewStatus.Closed;

    public static string NoSuchEntry(Guid id) => $"The library has no entry with the id {id}.";

    public static string GroupNeverPublishes(string group) =>
        $"{group} has chosen never to publish its reviews to the library (the group's settings).";

    private static bool IsAuthor(LibraryEntry entry, LibraryViewer viewer) => entry.AuthorUserId == viewer.UserId;

    /// <summary>Net cost a year per 100,000 population, in its band.</summary>
    public static CostBand BandOf(decimal? netCostPer100kPerYear) => netCostPer100kPerYear switch
    {
        null => CostBand.NotKnown,
        < 0 => CostBand.Saving,
        0 => CostBand.NoExtraCost,
        < 10_000 => CostBand.Under10k,
        < 100_000 => CostBand.From10kTo100k,
        < 1_000_000 => CostBand.From100kTo1m,
        _ => CostBand.Over1m,
    };

    /// <summary>What content needs, by the field that lacks it; empty when complete. Lengths and characters are the validators'.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(LibraryContent? content)
    {
        if (content is null)
        {
            yield return ("content", "Send the entry's content.");
            yield break;
        }
        if (string.IsNullOrWhiteSpace(content.Title)) yield return ("title", "Give the entry a title.");
        if (string.IsNullOrWhiteSpace(content.Summary)) yield return ("summary", "Summarise the entry in a sentence or two.");
        if (content.Sections is null || content.Sections.All(s => string.IsNullOrWhiteSpace(s?.Text)))
            yield return ("sections", "Say what was done.");
        foreach (var number in content.Guidance ?? [])
            if (!Catalogue.GuidanceProduct.IsGuidanceNumber(number ?? ""))
                yield return ("guidance", $"'{number}' is not a NICE guidance number (letters then digits, for example NG115).");
    }
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Library;

/// <summary>What the library needs to know of a review to draft its case study.</summary>
public sealed record ReviewForLibrary(Guid ReviewId, string Group, string GuidanceNumber, ReviewStatus Status, DecisionOutcome? Outcome);

/// <summary>
/// A chair of a decided review's group starts its case study: the system's draft (<paramref name="Draft"/>, written from
/// the review's own events) which the chair edits before publishing. Nothing reaches the library until then.
/// </summary>
public sealed record DraftCaseStudy(Guid ReviewId, LibraryContent Draft, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(LibraryEntry? existing, ReviewForLibrary? review, bool groupNeverPublishes, DraftCaseStudy command,
        DateTimeOffset now)
    {
        if (review is null || !command.By.Chairs(review.Group)) return Decision.NotFound(command.ReviewId);
        if (existing is not null)
            return Decision.Reject(existing.Status == LibraryEntryStatus.Withdrawn
                ? "This review's case study was withdrawn from the library; it cannot be drafted again."
                : "This review already has a case study; edit it rather than drafting another.");
        if (groupNeverPublishes) return Decision.Reject(LibraryRules.GroupNeverPublishes(review.Group));
        if (!LibraryRules.IsDecided(review.Status) || review.Outcome is not { } outcome)
            return Decision.Reject("A case study is drafted from a decided review; record the decision first.");
        return Decision.Accept(new CaseStudyDrafted(LibraryEntry.CaseStudyIdFor(review.ReviewId), review.ReviewId, review.Group,
            review.GuidanceNumber, outcome, command.Draft, command.Actor.UserId, command.Actor.Name, command.Actor.Email, now));
    }
}

/// <summary>A chair publishes the group's case study to the library, as it now reads.</summary>
public sealed record PublishCaseStudy(Guid EntryId, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(LibraryEntry? entry, bool groupNeverPublishes, PublishCaseStudy command, DateTimeOffset now)
    {
        if (entry is null || !LibraryRules.MayRead(entry, command.By)) return Decision.NotFoundWith(LibraryRules.NoSuchEntry(command.EntryId));
        if (entry.Kind != LibraryEntryKind.CaseStudy)
            return Decision.Reject("A good-practice entry is published by a library editor's approval.");
        if (!LibraryRules.MayPublish(entry, command.By)) return Decision.Forbid(LibraryRules.ChairsOnly);
        if (entry.Status == LibraryEntryStatus.Published) return Decision.Accept(); // pressed twice
        if (entry.Status != LibraryEntryStatus.Draft) return Decision.Reject($"The case study is {LibraryWords.Of(entry.Status)}; it cannot be published.");
        if (groupNeverPublishes) return Decision.Reject(LibraryRules.GroupNeverPublishes(entry.Group!));
        return Decision.Accept(new LibraryEntryPublished(entry.Id, entry.Kind, entry.Content, entry.Outcome, entry.Group, now));
    }
}

/// <summary>A chair adds later news to a published case study (actions done, a re-assessment's result).</summary>
public sealed record AddCaseStudyUpdate(Guid EntryId, string Text, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(LibraryEntry? entry, AddCaseStudyUpdate command, DateTimeOffset now)
    {
        if (entry is null || !LibraryRules.MayRead(entry, command.By)) return Decision.NotFoundWith(LibraryRules.NoSuchEntry(command.EntryId));
        if (!LibraryRules.MayAddUpdate(entry, command.By))
            return Decision.Forbid(entry.Kind == LibraryEntryKind.CaseStudy ? LibraryRules.ChairsOnly : "Updates are added to case studies only.");
        if (entry.Status != LibraryEntryStatus.Published)
            return Decision.Reject("Updates are added to a published case study; publish it first, or edit the draft.");
        if (string.IsNullOrWhiteSpace(command.Text)) return Decision.Reject("Say what the update is.");
        return Decision.Accept(new CaseStudyUpdateAdded(entry.Id, command.Text.Trim(), now));
    }
}

/// <summary>Entry states in people's words, for refusals and pages.</summary>
public static class LibraryWords
{
    public static string Of(LibraryEntryStatus status) => status switch
    {
        LibraryEntryStatus.Draft => "a draft",
        LibraryEntryStatus.AwaitingModeration => "waiting for an editor",
        LibraryEntryStatus.ChangesRequested => "back with its author for changes",
        LibraryEntryStatus.Published => "published",
        LibraryEntryStatus.Rejected => "rejected",
        _ => "withdrawn",
    };
}

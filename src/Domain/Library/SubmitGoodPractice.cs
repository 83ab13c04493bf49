using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Library;

/// <summary>Anyone signed in submits an example of service-delivery practice; an editor moderates it before anyone else sees it.</summary>
public sealed record SubmitGoodPractice(Guid EntryId, LibraryContent Content, Actor Actor)
{
    public static Decision Decide(LibraryEntry? existing, SubmitGoodPractice command, DateTimeOffset now)
    {
        // The same submission again (a form sent twice) adds nothing; a different one never reuses an id.
        if (existing is not null)
            return existing.AuthorUserId == command.Actor.UserId && existing.Content.SameAs(command.Content)
                ? Decision.Accept()
                : Decision.Reject($"An entry with the id {command.EntryId} already exists.");
        if (LibraryRules.Problems(command.Content).Select(p => p.Message).FirstOrDefault() is { } problem) return Decision.Reject(problem);
        return Decision.Accept(new GoodPracticeSubmitted(command.EntryId, command.Content, command.Actor.UserId, command.Actor.Name,
            command.Actor.Email, now));
    }
}

/// <summary>
/// The author changes an entry not yet published: a case study's draft (its group's chairs), or a submission waiting
/// for an editor or sent back for changes, which then goes back to the editors.
/// </summary>
public sealed record ReviseLibraryEntry(Guid EntryId, LibraryContent Content, string? Note, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(LibraryEntry? entry, ReviseLibraryEntry command, DateTimeOffset now)
    {
        if (entry is null || !LibraryRules.MayRead(entry, command.By)) return Decision.NotFoundWith(LibraryRules.NoSuchEntry(command.EntryId));
        if (!LibraryRules.MayRevise(entry, command.By))
            return Decision.Forbid(entry.Kind == LibraryEntryKind.CaseStudy ? LibraryRules.ChairsOnly : LibraryRules.AuthorOnly);
        if (!LibraryRules.IsOpenForEdits(entry))
            return Decision.Reject(entry.Status == LibraryEntryStatus.Published
                ? "A published entry is not edited: add an update to a case study, or withdraw the entry and submit it again."
                : $"The entry is {LibraryWords.Of(entry.Status)}; it can no longer be changed.");
        if (LibraryRules.Problems(command.Content).Select(p => p.Message).FirstOrDefault() is { } problem) return Decision.Reject(problem);
        // Unchanged text changes nothing, unless it answers an editor's request (then it goes back to them).
        if (entry.Content.SameAs(command.Content) && entry.Status != LibraryEntryStatus.ChangesRequested) return Decision.Accept();
        return Decision.Accept(new LibraryEntryRevised(entry.Id, command.Content, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), now));
    }
}

public enum ModerationOutcome { Approve, RequestChanges, Reject }

/// <summary>A library editor approves a submission (it is published), asks its author for changes, or rejects it, with why.</summary>
public sealed record ModerateLibraryEntry(Guid EntryId, ModerationOutcome Outcome, string? Reason, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(LibraryEntry? entry, ModerateLibraryEntry command, DateTimeOffset now)
    {
        if (!LibraryRules.MayModerate(command.By)) return Decision.Forbid(LibraryRules.EditorsOnly);
        if (entry is null || !LibraryRules.MayRead(entry, command.By)) return Decision.NotFoundWith(LibraryRules.NoSuchEntry(command.EntryId));
        if (entry.Kind != LibraryEntryKind.GoodPractice) return Decision.Reject("A case study is published by its group's chair, not moderated.");
        if (entry.Status != LibraryEntryStatus.AwaitingModeration)
            return Decision.Reject($"The entry is {LibraryWords.Of(entry.Status)}, not waiting for an editor.");
        if (command.Outcome != ModerationOutcome.Approve && string.IsNullOrWhiteSpace(command.Reason))
            return Decision.Reject(ReasonNeeded(command.Outcome));
        return Decision.Accept(command.Outcome switch
        {
            ModerationOutcome.Approve => new LibraryEntryPublished(entry.Id, entry.Kind, entry.Content, null, null, now),
            ModerationOutcome.RequestChanges => new LibraryChangesRequested(entry.Id, command.Reason!.Trim(), now),
            _ => (object)new LibraryEntryRejected(entry.Id, command.Reason!.Trim(), now),
        });
    }

    public static string ReasonNeeded(ModerationOutcome outcome) => outcome == ModerationOutcome.RequestChanges
        ? "Say what the author should change."
        : "Say why the entry is rejected.";
}

/// <summary>The author (a chair, for a case study) or an editor takes an entry out of the library, with why; its history stays.</summary>
public sealed record WithdrawLibraryEntry(Guid EntryId, string Reason, LibraryViewer By, Actor Actor)
{
    public static Decision Decide(LibraryEntry? entry, WithdrawLibraryEntry command, DateTimeOffset now)
    {
        if (entry is null || !LibraryRules.MayRead(entry, command.By)) return Decision.NotFoundWith(LibraryRules.NoSuchEntry(command.EntryId));
        if (!LibraryRules.MayWithdraw(entry, command.By)) return Decision.Forbid(LibraryRules.WithdrawRefused);
        if (entry.Status == LibraryEntryStatus.Withdrawn) return Decision.Accept(); // withdrawn already
        if (entry.Status == LibraryEntryStatus.Rejected) return Decision.Reject("The entry was rejected; there is nothing to withdraw.");
        if (string.IsNullOrWhiteSpace(command.Reason)) return Decision.Reject("Say why the entry is withdrawn.");
        return Decision.Accept(new LibraryEntryWithdrawn(entry.Id, command.Reason.Trim(), now));
    }
}

using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Library;

// The learning library every group shares: case studies published from decided reviews, and examples of
// service-delivery practice anyone signed in submits for the library's editors to moderate. Each entry is a
// stream of its own, so every draft, edit, moderation and withdrawal keeps who acted and when, as for reviews.

public interface ILibraryEvent
{
    Guid EntryId { get; }
}

public enum LibraryEntryKind { CaseStudy, GoodPractice }

/// <summary>Where an entry stands. Only <see cref="Published"/> entries are found by search.</summary>
public enum LibraryEntryStatus { Draft, AwaitingModeration, ChangesRequested, Published, Rejected, Withdrawn }

/// <summary>What implementing costs a year per 100,000 population (net of savings): the band people filter by.</summary>
public enum CostBand { Saving, NoExtraCost, Under10k, From10kTo100k, From100kTo1m, Over1m, NotKnown }

/// <summary>NHS England's seven regions.</summary>
public enum NhsRegion { NorthEastAndYorkshire, NorthWest, Midlands, EastOfEngland, London, SouthEast, SouthWest }

/// <summary>A headed part of an entry's text ("What was done", "Barriers").</summary>
public sealed record LibrarySection(string Heading, string Text);

/// <summary>What an entry says and how it is found: its text, and the facets search counts by.</summary>
public sealed record LibraryContent(
    string Title,
    string Summary,
    IReadOnlyList<LibrarySection> Sections,
    IReadOnlyList<string> Guidance,
    IReadOnlyList<Sector> Sectors,
    NhsRegion? Region,
    CostBand CostBand,
    string? Organisation = null,
    string? ServiceArea = null,
    string? Contact = null,
    IReadOnlyList<string>? Links = null)
{
    /// <summary>The same text and facets (records compare lists by reference; this compares their items).</summary>
    public bool SameAs(LibraryContent other) =>
        Title == other.Title && Summary == other.Summary && Region == other.Region && CostBand == other.CostBand
        && Organisation == other.Organisation && ServiceArea == other.ServiceArea && Contact == other.Contact
        && Sections.SequenceEqual(other.Sections) && Guidance.SequenceEqual(other.Guidance) && Sectors.SequenceEqual(other.Sectors)
        && (Links ?? []).SequenceEqual(other.Links ?? []);
}

/// <summary>The chair of a decided review's group drafted its case study (the system's draft, from the review's events).</summary>
public sealed record CaseStudyDrafted(
    Guid EntryId, Guid ReviewId, string Group, string GuidanceNumber, DecisionOutcome Outcome, LibraryContent Content,
    string AuthorUserId, string AuthorName, string? AuthorEmail, DateTimeOffset DraftedAt) : ILibraryEvent;

/// <summary>Someone signed in submitted an example of service-delivery practice; it waits for an editor.</summary>
public sealed record GoodPracticeSubmitted(
    Guid EntryId, LibraryContent Content, string AuthorUserId, string AuthorName, string? AuthorEmail, DateTimeOffset SubmittedAt) : ILibraryEvent;

/// <summary>
/// A completed improvement project's team shared it with the library: its summary, aim, measures and cycles as text, and each
/// measure's data so its control chart is drawn the same way. It waits for an editor, as any submitted practice does.
/// </summary>
public sealed record ProjectSubmittedToLibrary(
    Guid EntryId, Guid ProjectId, LibraryContent Content, IReadOnlyList<LibraryChart> Charts, string AuthorUserId, string AuthorName,
    string? AuthorEmail, DateTimeOffset SubmittedAt) : ILibraryEvent;

/// <summary>A measure's data as shared: enough to draw its XmR chart (notes left out), fixed when shared.</summary>
public sealed record LibraryChart(
    string Measure, string Unit, Direction Direction, decimal? Target, IReadOnlyList<Improvement.Measurement> Points, IReadOnlyList<DateOnly> RecalculateFrom)
{
    public Improvement.ControlChart Chart() =>
        Improvement.ProcessControl.Chart(Points.Select(p => new Improvement.DataPoint(p.Period, p.Value)).ToList(), RecalculateFrom, Direction, Target);
}

/// <summary>The entry's text changed (a draft edited, or changes made that an editor asked for), with a note of what changed.</summary>
public sealed record LibraryEntryRevised(Guid EntryId, LibraryContent Content, string? Note, DateTimeOffset RevisedAt) : ILibraryEvent;

/// <summary>An editor asked the author for changes before the entry can be published.</summary>
public sealed record LibraryChangesRequested(Guid EntryId, string Reason, DateTimeOffset RequestedAt) : ILibraryEvent;

public sealed record LibraryEntryRejected(Guid EntryId, string Reason, DateTimeOffset RejectedAt) : ILibraryEvent;

/// <summary>
/// The entry reached the library: approved by an editor, or a case study published by its group's chair. It carries what
/// was published, so the search index is built from this event alone.
/// </summary>
public sealed record LibraryEntryPublished(
    Guid EntryId, LibraryEntryKind Kind, LibraryContent Content, DecisionOutcome? Outcome, string? Group, DateTimeOffset PublishedAt) : ILibraryEvent;

/// <summary>Later news of a published case study: actions completed, what a re-assessment found.</summary>
public sealed record CaseStudyUpdateAdded(Guid EntryId, string Text, DateTimeOffset AddedAt) : ILibraryEvent;

/// <summary>Taken out of the library, with why: no longer found, its history kept for audit.</summary>
public sealed record LibraryEntryWithdrawn(Guid EntryId, string Reason, DateTimeOffset WithdrawnAt) : ILibraryEvent;

public sealed record CaseStudyUpdate(string Text, DateTimeOffset AddedAt);

/// <summary>One library entry: what the rules need, and what its page shows.</summary>
public sealed record LibraryEntry(
    Guid Id,
    LibraryEntryKind Kind,
    LibraryContent Content,
    string AuthorUserId,
    string AuthorName,
    string? AuthorEmail,
    DateTimeOffset CreatedAt)
{
    public LibraryEntryStatus Status { get; init; }

    /// <summary>For a case study: its review, the review's group and guidance, and the decision's outcome.</summary>
    public Guid? ReviewId { get; init; }
    public string? Group { get; init; }
    public string? GuidanceNumber { get; init; }
    public DecisionOutcome? Outcome { get; init; }

    /// <summary>For an entry shared from an improvement project: the project, and its measures' charts.</summary>
    public Guid? ProjectId { get; init; }
    public ImmutableList<LibraryChart> Charts { get; init; } = [];

    public DateTimeOffset? PublishedAt { get; init; }
    public ImmutableList<CaseStudyUpdate> Updates { get; init; } = [];

    /// <summary>Why an editor asked for changes, rejected it, or why it was withdrawn: the latest reason given.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>The audit hash of the stream's last event; the rules never read it.</summary>
    public string ChainHead { get; init; } = "";

    /// <summary>A review's case study is one stream, whoever drafts it: an id derived from the review's.</summary>
    public static Guid CaseStudyIdFor(Guid reviewId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"guidanceflow:library:case-study:{reviewId}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>A project is shared once: its entry's id derived from the project's.</summary>
    public static Guid ProjectEntryIdFor(Guid projectId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"guidanceflow:library:project:{projectId}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static LibraryEntry? Evolve(LibraryEntry? entry, object e) => e switch
    {
        CaseStudyDrafted d => new LibraryEntry(d.EntryId, LibraryEntryKind.CaseStudy, d.Content, d.AuthorUserId, d.AuthorName, d.AuthorEmail, d.DraftedAt)
        {
            Status = LibraryEntryStatus.Draft, ReviewId = d.ReviewId, Group = d.Group, GuidanceNumber = d.GuidanceNumber,
            Outcome = d.Outcome, LastChangedAt = d.DraftedAt,
        },
        GoodPracticeSubmitted s => new LibraryEntry(s.EntryId, LibraryEntryKind.GoodPractice, s.Content, s.AuthorUserId, s.AuthorName,
            s.AuthorEmail, s.SubmittedAt) { Status = LibraryEntryStatus.AwaitingModeration, LastChangedAt = s.SubmittedAt },
        ProjectSubmittedToLibrary s => new LibraryEntry(s.EntryId, LibraryEntryKind.GoodPractice, s.Content, s.AuthorUserId, s.AuthorName,
            s.AuthorEmail, s.SubmittedAt)
        {
            Status = LibraryEntryStatus.AwaitingModeration, ProjectId = s.ProjectId, Charts = [.. s.Charts], LastChangedAt = s.SubmittedAt,
        },
        _ when entry is null => null,
        // Changes made after an editor asked for them go back to the editors; a draft stays a draft.
        LibraryEntryRevised r => entry with
        {
            Content = r.Content, LastChangedAt = r.RevisedAt,
            Status = entry.Status == LibraryEntryStatus.ChangesRequested ? LibraryEntryStatus.AwaitingModeration : entry.Status,
        },
        LibraryChangesRequested c => entry with { Status = LibraryEntryStatus.ChangesRequested, Reason = c.Reason, LastChangedAt = c.RequestedAt },
        LibraryEntryRejected x => entry with { Status = LibraryEntryStatus.Rejected, Reason = x.Reason, LastChangedAt = x.RejectedAt },
        LibraryEntryPublished p => entry with
        {
            Status = LibraryEntryStatus.Published, Content = p.Content, PublishedAt = p.PublishedAt, Reason = null, LastChangedAt = p.PublishedAt,
        },
        CaseStudyUpdateAdded u => entry with { Updates = entry.Updates.Add(new CaseStudyUpdate(u.Text, u.AddedAt)), LastChangedAt = u.AddedAt },
        LibraryEntryWithdrawn w => entry with { Status = LibraryEntryStatus.Withdrawn, Reason = w.Reason, LastChangedAt = w.WithdrawnAt },
        // A library event added without a case here is a mistake, not something to skip.
        ILibraryEvent l => throw new InvalidOperationException($"The library fold does not name {l.GetType().Name}."),
        _ => entry,
    };
}

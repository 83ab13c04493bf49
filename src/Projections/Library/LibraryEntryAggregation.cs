using GuidanceFlow.Domain.Library;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Library;

/// <summary>Binds the library's pure fold to Marten, inline: each entry's state is stored with every append, and read by its page.</summary>
public sealed class LibraryEntryAggregation : SingleStreamProjection<LibraryEntry, Guid>
{
    public LibraryEntryAggregation()
    {
        IncludeType<CaseStudyDrafted>();
        IncludeType<GoodPracticeSubmitted>();
        IncludeType<ProjectSubmittedToLibrary>();
        IncludeType<LibraryEntryRevised>();
        IncludeType<LibraryChangesRequested>();
        IncludeType<LibraryEntryRejected>();
        IncludeType<LibraryEntryPublished>();
        IncludeType<CaseStudyUpdateAdded>();
        IncludeType<LibraryEntryWithdrawn>();
    }

    public override LibraryEntry? Evolve(LibraryEntry? snapshot, Guid id, IEvent e) =>
        LibraryEntry.Evolve(snapshot, e.Data) is { } next ? next with { ChainHead = ChainHeaders.HashOf(e) ?? next.ChainHead } : null;
}

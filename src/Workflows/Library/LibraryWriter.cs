using GuidanceFlow.Domain.Library;
using GuidanceFlow.Workflows.Audit;
using GuidanceFlow.Workflows.Notifications;
using Microsoft.Extensions.Options;
using Wolverine;

namespace GuidanceFlow.Workflows.Library;

/// <summary>A library command the rules refused; nothing was appended.</summary>
public sealed class LibraryCommandRejected(Rejection rejection) : Exception(rejection.Rule)
{
    public Rejection Rejection { get; } = rejection;
}

/// <summary>
/// The one place events reach a library entry's stream, as <see cref="Reviews.ReviewWriter"/> is for reviews: who acted
/// on every event, each linked into the stream's audit chain; the author's email about a moderation queued through the
/// outbox, so it commits with the events or not at all.
/// </summary>
public sealed class LibraryWriter(AuditChain chain, IOptions<MailSettings> mail)
{
    public async Task Append(IEventStream<LibraryEntry> stream, IDocumentSession session, IMessageContext bus, Actor actor, Decision decision)
    {
        var before = stream.Aggregate;
        if (decision.Rejection is { } rejection) throw new LibraryCommandRejected(rejection);
        if (decision.Events.Count == 0) return;
        session.LastModifiedBy = actor.UserId;
        IdempotentWrite.MarkIn(session, actor.UserId);
        // A new stream too: fetched for writing at version 0, so two first writes to one id cannot both succeed.
        stream.AppendMany(chain.Attributed(session, before?.ChainHead ?? "", actor, decision.Events).ToList());
        var after = decision.Events.Aggregate(before, LibraryEntry.Evolve)!;
        foreach (var email in ToAuthor(after, decision.Events)) await bus.PublishAsync(email);
    }

    /// <summary>The author hears what an editor decided, with the reason, and where to act.</summary>
    private IEnumerable<OutgoingEmail> ToAuthor(LibraryEntry entry, IReadOnlyList<object> events)
    {
        if (entry.Kind != LibraryEntryKind.GoodPractice || string.IsNullOrWhiteSpace(entry.AuthorEmail)) yield break;
        foreach (var e in events)
        {
            (string Subject, string Lead, string Body, string Action)? message = e switch
            {
                LibraryEntryPublished => ($"Published: {entry.Content.Title}", "An editor approved your entry for the GuidanceFlow library.",
                    "Every implementation group can now find it.", "Read the entry"),
                LibraryChangesRequested c => ($"Changes asked for: {entry.Content.Title}", "An editor asked for changes before your entry is published.",
                    c.Reason, "Change the entry"),
                LibraryEntryRejected r => ($"Not published: {entry.Content.Title}", "An editor decided not to publish your entry in the library.",
                    r.Reason, "Read the entry"),
                _ => null,
            };
            if (message is { } m)
                yield return EmailComposer.Compose(mail.Value, entry.Id, $"/library/entries/{entry.Id}", "GuidanceFlow learning library",
                    "the library's editors", entry.AuthorEmail!, entry.AuthorName, m.Subject, m.Lead, m.Body, m.Action);
        }
    }
}

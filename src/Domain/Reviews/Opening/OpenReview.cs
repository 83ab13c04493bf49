namespace GuidanceFlow.Domain.Reviews;

/// <summary>A chair opens a review of newly published NICE guidance for their group.</summary>
public sealed record OpenReview(
    Guid ReviewId,
    string GuidanceId,
    GuidanceType GuidanceType,
    string Title,
    DateOnly PublishedOn,
    string Group,
    Actor Actor)
{
    /// <param name="openReviewOfSameGuidance">The group's review of the same guidance that is not yet closed, if there is one.</param>
    /// <param name="catalogueVersion">The catalogue's current version of the guidance, if the catalogue has it.</param>
    /// <param name="fundingDays">A technology appraisal's funding period as the catalogue gives it (90 when it gives none).</param>
    public static Decision Decide(Review? existing, OpenReview command, DateTimeOffset now, Guid? openReviewOfSameGuidance = null,
        int? catalogueVersion = null, int? fundingDays = null)
    {
        if (existing is not null) return Decision.Reject($"A review with the id {command.ReviewId} already exists.");
        if (openReviewOfSameGuidance is { } open) return Decision.Reject(AlreadyOpen(command.Group, command.GuidanceId, open));
        if (command.PublishedOn > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
            return Decision.Reject("Guidance cannot be reviewed before NICE publishes it: the publication date is in the future.");

        return Decision.Accept(new GuidanceReviewOpened(
            command.ReviewId, command.GuidanceId.Trim().ToUpperInvariant(), command.GuidanceType, command.Title.Trim(),
            command.PublishedOn, command.Group.Trim(), command.Actor.UserId, command.Actor.Name, now, command.Actor.Email, catalogueVersion,
            command.GuidanceType == GuidanceType.TA ? fundingDays ?? DeadlinePolicy.FundingDays : null));
    }

    /// <summary>One open review of a guidance per group: a second would split the group's responses.</summary>
    public static string AlreadyOpen(string group, string guidanceId, Guid open) =>
        $"{group.Trim()} already has an open review of {guidanceId.Trim().ToUpperInvariant()}: /reviews/{open}. Close it before opening another.";
}

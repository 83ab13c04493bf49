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
    public static Decision Decide(Review? existing, OpenReview command, DateTimeOffset now)
    {
        if (existing is not null) return Decision.Reject($"A review with the id {command.ReviewId} already exists.");
        if (command.PublishedOn > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
            return Decision.Reject("Guidance cannot be reviewed before NICE publishes it: the publication date is in the future.");

        return Decision.Accept(new GuidanceReviewOpened(
            command.ReviewId, command.GuidanceId.Trim().ToUpperInvariant(), command.GuidanceType, command.Title.Trim(),
            command.PublishedOn, command.Group.Trim(), command.Actor.UserId, command.Actor.Name, now, command.Actor.Email));
    }
}

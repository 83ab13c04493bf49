using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Queries;

/// <summary>A pending deadline: when it falls due, when it fires (UTC and UK time), and what it will do.</summary>
public sealed record DeadlineView(
    Guid ReviewId, string GuidanceId, string Title, string Key, DeadlineKind Deadline, DeadlineAction Action,
    DateTimeOffset DueAt, string DueUk, DateTimeOffset FiresAt, string FiresUk, string Description)
{
    public static DeadlineView Of(Guid reviewId, string guidanceId, string title, string key, DeadlineKind deadline,
        DeadlineAction action, DateTimeOffset due, DateTimeOffset fires, string description) =>
        new(reviewId, guidanceId, title, key, deadline, action, due, UkTime.Format(due), fires, UkTime.Format(fires), description);
}

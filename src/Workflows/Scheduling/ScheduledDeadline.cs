namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>
/// One pending deadline of one review, as the scheduler holds it: the read model behind the
/// cross-review deadline list. Rewritten for a review whenever its deadlines are synced.
/// </summary>
public sealed class ScheduledDeadline
{
    public string Id { get; set; } = "";
    public Guid ReviewId { get; set; }
    public string GuidanceId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Group { get; set; } = "";
    public string Key { get; set; } = "";
    public DeadlineKind Deadline { get; set; }
    public DeadlineAction Action { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset FireAt { get; set; }
    public string Description { get; set; } = "";

    public static ScheduledDeadline From(Review review, PendingDeadline p) => new()
    {
        Id = $"{review.Id}/{p.Key}", ReviewId = review.Id, GuidanceId = review.GuidanceId, Title = review.Title,
        Group = review.Group, Key = p.Key, Deadline = p.Deadline, Action = p.Action, DueAt = p.DueAt, FireAt = p.FireAt,
        Description = p.Description,
    };
}

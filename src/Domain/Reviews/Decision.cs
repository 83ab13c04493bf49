namespace GuidanceFlow.Domain.Reviews;

public enum RejectionKind
{
    /// <summary>No review with that id.</summary>
    NotFound,
    /// <summary>The review's current state forbids the command.</summary>
    Conflict,
    /// <summary>The person acting may not do this on this review.</summary>
    Forbidden,
}

/// <summary>Why a command was refused, in words a chair or stakeholder can act on.</summary>
public sealed record Rejection(RejectionKind Kind, string Rule);

/// <summary>The outcome of a rule: the events to append, or why nothing may be appended.</summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<object> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<object> Events { get; }
    public Rejection? Rejection { get; }
    public bool IsAccepted => Rejection is null;

    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Reject(string rule) => new([], new Rejection(RejectionKind.Conflict, rule));
    public static Decision Forbid(string rule) => new([], new Rejection(RejectionKind.Forbidden, rule));
    public static Decision NotFound(Guid reviewId) => new([], new Rejection(RejectionKind.NotFound, NoSuchReview(reviewId)));
    public static Decision NotFoundWith(string rule) => new([], new Rejection(RejectionKind.NotFound, rule));

    /// <summary>What an unknown review id is told, by the rules and by every read.</summary>
    public static string NoSuchReview(Guid reviewId) => $"No guidance review has the id {reviewId}.";
}

/// <summary>What every command on an existing review carries.</summary>
public interface IReviewCommand
{
    Guid ReviewId { get; }

    /// <summary>The stream version the caller last saw; null skips the staleness check.</summary>
    long? ExpectedVersion { get; }

    Actor Actor { get; }
}

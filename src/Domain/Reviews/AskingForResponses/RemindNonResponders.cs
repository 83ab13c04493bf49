namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The chair reminds, now, everyone invited who has not responded: one email each, recorded in the stream. At most
/// once a day, so a stakeholder is never flooded by a chair pressing again.
/// </summary>
public sealed record RemindNonResponders(Guid ReviewId, long? ExpectedVersion, Actor Actor) : IReviewCommand
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromHours(24);

    public static Decision Decide(Review? review, RemindNonResponders command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (!review!.Progress.WindowOpenAt(now)) return Decision.Reject($"{review.Progress.WhyWindowIsShut(now)} There is no one to remind.");
        var waiting = review.NonResponders;
        if (waiting.Count == 0) return Decision.Reject("Everyone invited has responded: there is no one to remind.");
        if (review.LastRemindedByChairAt is { } last && now - last < MinimumGap)
            return Decision.Reject($"Those who have not responded were reminded at {UkTime.Format(last)}. " +
                                   $"You can remind them again from {UkTime.Format(last + MinimumGap)}.");
        return Decision.Accept(new NonRespondersReminded(command.ReviewId, waiting.ToList(), review.Progress.ResponseDeadline!.Value, now));
    }
}

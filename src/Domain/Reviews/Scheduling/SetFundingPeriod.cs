namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// The chair sets a technology appraisal's funding period — the appraisal may say 30 days rather than the usual
/// 90 — with the reason. The funding deadline, its warnings and its escalation follow it.
/// </summary>
public sealed record SetFundingPeriod(Guid ReviewId, int Days, string Reason, long? ExpectedVersion, Actor Actor) : IReviewCommand
{
    public static Decision Decide(Review? review, SetFundingPeriod command, DateTimeOffset now)
    {
        if (ReviewGuards.Check(review, command) is { } refused) return refused;
        if (review!.GuidanceType != GuidanceType.TA) return Decision.Reject("Only a technology appraisal has a statutory funding period.");
        if (review.Status >= ReviewStatus.Decided) return Decision.Reject("The decision is recorded; the funding period no longer runs.");
        if (command.Days is < 1 or > 365) return Decision.Reject("Give a funding period of 1 to 365 days.");
        if (string.IsNullOrWhiteSpace(command.Reason)) return Decision.Reject("Say why the funding period is set.");
        if (command.Days == review.FundingDays) return Decision.Accept();
        return Decision.Accept(new FundingPeriodSet(review.Id, command.Days, command.Reason.Trim(), now));
    }
}

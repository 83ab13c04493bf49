using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Tests.Given;

namespace GuidanceFlow.Domain.Tests;

/// <summary>The chair reminds non-responders by hand, and amends a recorded decision.</summary>
public class ChairActionTests
{
    private static RemindNonResponders Remind() => new(Id, null, Chair);

    [Fact]
    public void A_reminder_goes_to_everyone_who_has_not_responded()
    {
        var reminded = RemindNonResponders.Decide(History(Opened(), Grid(), Invited(), WindowOpened(), Responded("gp")), Remind(), Now)
            .Single<NonRespondersReminded>();
        Assert.DoesNotContain("gp", reminded.Recipients);
        Assert.NotEmpty(reminded.Recipients);
    }

    [Fact]
    public void A_second_reminder_within_a_day_is_refused_with_when_it_may_be_sent()
    {
        var review = History(Opened(), Grid(), Invited(), WindowOpened(), new NonRespondersReminded(Id, ["nurse"], Now.AddDays(14), Now.AddHours(-2)));
        RemindNonResponders.Decide(review, Remind(), Now)
            .ShouldBeRefused($"You can remind them again from {UkTime.Format(Now.AddHours(22))}");
        Assert.True(RemindNonResponders.Decide(review, Remind(), Now.AddHours(23)).IsAccepted);
    }

    [Fact]
    public void No_reminder_once_the_window_has_closed() =>
        RemindNonResponders.Decide(Collated(), Remind(), Now).ShouldBeRefused("There is no one to remind");

    private static readonly DecisionRecorded Recorded =
        new(Id, DecisionOutcome.Defer, "Waiting for the pathway", null, [], new DateOnly(2027, 6, 1), Now.AddDays(-1));

    private static Review Decided() => History(Opened(), Grid(), Invited(), WindowOpened(), Responded(), WindowClosed(), NotNeeded(), Recorded);

    private static AmendDecision Amend(DecisionOutcome outcome = DecisionOutcome.Implement, string reason = "Pathway agreed at the meeting") =>
        new(Id, outcome, "Pathway agreed", null, [], null, reason, null, Chair);

    [Fact]
    public void An_amendment_is_a_new_event_keeping_the_review_date_when_none_is_given()
    {
        var amended = AmendDecision.Decide(Decided(), Amend(), Now).Single<DecisionAmended>();
        Assert.Equal((DecisionOutcome.Implement, Recorded.ReviewDate, "Pathway agreed at the meeting"), (amended.Outcome, amended.ReviewDate, amended.Reason));
        var after = Review.Evolve(Decided(), amended)!;
        Assert.Equal(DecisionOutcome.Implement, after.Decision!.Outcome);
        Assert.Equal(Recorded.DecidedAt, after.Decision.DecidedAt);
    }

    [Fact]
    public void No_amendment_without_a_decision_a_reason_or_a_change()
    {
        AmendDecision.Decide(FinanciallySettled(), Amend(), Now).ShouldBeRefused("no recorded decision");
        AmendDecision.Decide(Decided(), Amend(reason: " "), Now).ShouldBeRefused(AmendDecision.ReasonRequired);
        AmendDecision.Decide(Decided(), Amend(DecisionOutcome.Defer) with { Rationale = Recorded.Rationale }, Now).ShouldBeRefused("changes nothing");
        AmendDecision.Decide(Decided(), Amend(DecisionOutcome.DoNotImplement), Now).ShouldBeRefused(RecordDecision.RiskRequired);
    }
}

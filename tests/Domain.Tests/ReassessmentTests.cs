using GuidanceFlow.Domain.Benchmarking;
using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Tests.Given;

namespace GuidanceFlow.Domain.Tests;

/// <summary>
/// Re-assessment rounds at the review date: who may open one and when, the same window machinery (reminders, closing at the
/// deadline, extending, responding) asking one question, non-responders counted per round, and compliance kept per assessment.
/// </summary>
public class ReassessmentTests
{
    private static readonly DeadlinePolicy Policy = DeadlinePolicy.Default;
    // Decided() sets the review date to 1 March 2027; monitoring reopens at 09:00 UK time that day.
    private static readonly DateTimeOffset ReviewDateArrived = DeadlinePolicy.ReviewDueAt(new DateOnly(2027, 3, 1));
    private static readonly DateTimeOffset RoundOpens = ReviewDateArrived.AddDays(1);
    private static readonly DateTimeOffset RoundDeadline = new(2027, 3, 30, 16, 0, 0, TimeSpan.Zero);

    private static readonly object[] ToDecision =
    [
        Opened(), Grid(), Invited(), WindowOpened(),
        // The baseline: the GP meets 1.1.1; the nurse does not meet it and partly meets 1.2.1.
        new StakeholderResponseSubmitted(Id, "gp", 1, [Answer("1.1.1")], Now.AddDays(-5)),
        new StakeholderResponseSubmitted(Id, "nurse", 1, [Answer("1.1.1", Compliance.NotMet), Answer("1.2.1", Compliance.PartiallyMet)], Now.AddDays(-4)),
        new ResponseWindowClosed(Id, WindowClosure.AtDeadline, [], Now.AddDays(-2)), NotNeeded(), Decided(),
    ];

    private static Review Decided_() => History(ToDecision);
    private static Review UnderReview() => History([.. ToDecision, new ReviewDue(Id, new DateOnly(2027, 3, 1), ReviewDateArrived)]);

    private static OpenReassessment Open(DateTimeOffset? deadline = null, DateOnly? next = null) =>
        new(Id, deadline ?? RoundDeadline, next, null, Chair);

    private static ReassessmentOpened Opening(int round = 1) => new(Id, round, RoundDeadline, new DateOnly(2028, 3, 30), RoundOpens);

    private static Review Reassessing() => History([.. ToDecision, new ReviewDue(Id, new DateOnly(2027, 3, 1), ReviewDateArrived), Opening()]);

    [Fact]
    public void A_round_opens_once_the_review_date_has_arrived_and_not_before_nor_twice()
    {
        OpenReassessment.Decide(Decided_(), Open(), RoundOpens).ShouldBeRefused("when the review date arrives, Monday 1 March 2027");
        OpenReassessment.Decide(Collated(), Open(), Now).ShouldBeRefused(ReassessmentRules.NotYet);
        OpenReassessment.Decide(Closed(), Open(), Now).ShouldBeRefused("closed");

        var opened = OpenReassessment.Decide(UnderReview(), Open(), RoundOpens).Single<ReassessmentOpened>();
        Assert.Equal(1, opened.Round);
        Assert.Equal(RoundDeadline, opened.Deadline);
        // Not given: a year after the round's deadline (30 March 2027, UK date).
        Assert.Equal(new DateOnly(2028, 3, 30), opened.NextReviewDate);
        Assert.Equal(RoundOpens, opened.OpenedAt);

        OpenReassessment.Decide(Reassessing(), Open(), RoundOpens.AddHours(1)).ShouldBeRefused("Re-assessment round 1 is already open");
    }

    [Fact]
    public void The_deadline_must_be_ahead_and_the_next_review_date_after_it()
    {
        OpenReassessment.Decide(UnderReview(), Open(deadline: RoundOpens.AddMinutes(-1)), RoundOpens).ShouldBeRefused(OpenResponseWindow.DeadlineNotAhead);
        OpenReassessment.Decide(UnderReview(), Open(next: new DateOnly(2027, 3, 30)), RoundOpens)
            .ShouldBeRefused("must be after the round's deadline, Tuesday 30 March 2027");
        OpenReassessment.Decide(UnderReview(), Open(next: new DateOnly(2032, 3, 31)), RoundOpens).ShouldBeRefused("within five years");
        Assert.Equal(new DateOnly(2027, 3, 31), OpenReassessment.Decide(UnderReview(), Open(next: new DateOnly(2027, 3, 31)), RoundOpens)
            .Single<ReassessmentOpened>().NextReviewDate);
    }

    [Fact]
    public void In_a_round_everyone_is_asked_again_and_may_respond_until_its_deadline()
    {
        var review = Reassessing();
        Assert.Equal(ReviewStatus.Reassessing, review.Status);
        Assert.True(review.Progress.WindowOpenAt(RoundOpens));
        Assert.False(review.Progress.WindowOpenAt(RoundDeadline));
        // Both answered the baseline; neither has answered this round.
        Assert.Equal(["gp", "nurse"], review.NonResponders);
        Assert.Equal(RoundDeadline, review.Progress.NextDeadline);

        var answered = SubmitResponse.Decide(review, new SubmitResponse(Id, "gp", [Answer("1.1.1", Compliance.PartiallyMet)], null, Gp), RoundOpens)
            .Single<StakeholderResponseSubmitted>();
        Assert.Equal(2, answered.Revision);
        Assert.Equal(["nurse"], Review.Evolve(review, answered)!.NonResponders);

        SubmitResponse.Decide(review, new SubmitResponse(Id, "gp", [Answer("1.1.1")], null, Gp), RoundDeadline.AddMinutes(1))
            .ShouldBeRefused("The deadline for responses passed at Tuesday 30 March 2027");
        // Inviting and extending work as in the first window.
        Assert.True(review.Progress.MayInvite);
        Assert.Equal(RoundDeadline, review.Progress.Extendable(DeadlineKind.ResponseWindow));
        Assert.Equal(RoundDeadline.AddDays(7), ExtendDeadline.Decide(review,
            new ExtendDeadline(Id, DeadlineKind.ResponseWindow, RoundDeadline.AddDays(7), "Half term", null, Chair), RoundOpens)
            .Single<DeadlineExtended>().NewDue);
    }

    [Fact]
    public void The_rounds_reminders_and_closing_are_the_windows_own_keyed_by_its_deadline_and_close_it_at_the_deadline()
    {
        var review = Reassessing();
        var pending = Deadlines.Pending(review, Policy);
        Assert.Equal([DeadlineKeys.Reminder(RoundDeadline, 7), DeadlineKeys.Reminder(RoundDeadline, 1), DeadlineKeys.Close(RoundDeadline)],
            pending.Select(p => p.Key));
        Assert.Equal("Close re-assessment round 1 and distribute the collated response", pending[^1].Description);

        var reminder = Deadlines.Act(review, DeadlineKeys.Reminder(RoundDeadline, 7), Policy, RoundDeadline.AddDays(-7))
            .Events.OfType<ResponseReminderSent>().Single();
        Assert.Equal(["gp", "nurse"], reminder.Recipients);

        var gpAnswered = Review.Evolve(review, new StakeholderResponseSubmitted(Id, "gp", 2, [Answer("1.1.1", Compliance.NotMet)], RoundOpens.AddDays(1)))!;
        Assert.Empty(Deadlines.Act(gpAnswered, DeadlineKeys.Close(RoundDeadline), Policy, RoundDeadline.AddMinutes(-1)).Events);
        var closing = Deadlines.Act(gpAnswered, DeadlineKeys.Close(RoundDeadline), Policy, RoundDeadline);
        var closed = Assert.IsType<ReassessmentClosed>(closing.Events[0]);
        Assert.Equal((1, WindowClosure.AtDeadline, new DateOnly(2028, 3, 30)), (closed.Round, closed.ClosedBy, closed.NextReviewDate));
        Assert.Equal(["nurse"], closed.NonResponders);
        Assert.Equal(["gp", "nurse"], Assert.IsType<CollatedResponseDistributed>(closing.Events[1]).Recipients);

        // Monitoring goes on to the next review date; the closing trigger firing again finds nothing to do.
        var after = closing.Events.Aggregate(gpAnswered, (r, e) => Review.Evolve(r, e)!);
        Assert.Equal(ReviewStatus.Decided, after.Status);
        Assert.Equal(DeadlinePolicy.ReviewDueAt(new DateOnly(2028, 3, 30)), after.Progress.ReviewDueAt);
        Assert.Empty(Deadlines.Act(after, DeadlineKeys.Close(RoundDeadline), Policy, RoundDeadline.AddHours(1)).Events);
        Assert.Equal([DeadlineAction.ReopenMonitoring], Deadlines.Pending(after, Policy).Select(p => p.Action));
    }

    [Fact]
    public void The_chair_may_close_a_round_early_once_and_the_next_round_counts_again_from_nobody()
    {
        var review = Reassessing();
        var early = CloseResponseWindow.Decide(review, new CloseResponseWindow(Id, WindowClosure.ByChair, null, Chair), RoundOpens.AddDays(2), Policy);
        var closed = Assert.IsType<ReassessmentClosed>(early.Events[0]);
        Assert.Equal(WindowClosure.ByChair, closed.ClosedBy);
        Assert.Equal(["gp", "nurse"], closed.NonResponders);
        var after = early.Events.Aggregate(review, (r, e) => Review.Evolve(r, e)!);
        CloseResponseWindow.Decide(after, new CloseResponseWindow(Id, WindowClosure.ByChair, null, Chair), RoundOpens.AddDays(3), Policy)
            .ShouldBeRefused("already closed");

        var second = History([.. ToDecision, new ReviewDue(Id, new DateOnly(2027, 3, 1), ReviewDateArrived), Opening(),
            new StakeholderResponseSubmitted(Id, "gp", 2, [Answer("1.1.1")], RoundOpens.AddDays(1)), closed,
            new ReviewDue(Id, new DateOnly(2028, 3, 30), DeadlinePolicy.ReviewDueAt(new DateOnly(2028, 3, 30)))]);
        var opened = OpenReassessment.Decide(second, Open(deadline: new DateTimeOffset(2028, 4, 28, 16, 0, 0, TimeSpan.Zero)),
            DeadlinePolicy.ReviewDueAt(new DateOnly(2028, 3, 30))).Single<ReassessmentOpened>();
        Assert.Equal(2, opened.Round);
        Assert.Equal(["gp", "nurse"], Review.Evolve(second, opened)!.NonResponders);
    }

    [Fact]
    public void NICE_changing_the_guidance_while_a_round_is_open_leaves_the_round_to_run()
    {
        var review = Review.Evolve(Reassessing(), new ReassessmentNeeded(Id, 1, 2, "1 recommendation changed", RoundOpens.AddDays(1)))!;
        Assert.Equal(ReviewStatus.Reassessing, review.Status);
        Assert.Equal(2, review.CatalogueVersion);
        Assert.Contains(Deadlines.Pending(review, Policy), p => p.Key == DeadlineKeys.Close(RoundDeadline));
    }

    [Fact]
    public void A_technology_appraisals_funding_alerts_are_not_rearmed_by_a_round()
    {
        var ta = History([Opened(GuidanceType.TA), .. ToDecision.Skip(1), new ReviewDue(Id, new DateOnly(2027, 3, 1), ReviewDateArrived), Opening()]);
        Assert.DoesNotContain(Deadlines.Pending(ta, Policy), p => p.Deadline == DeadlineKind.TechnologyAppraisalFunding);
    }

    /// <summary>
    /// Worked by hand. Baseline: 1.1.1 — GP met, nurse not met → partially met; 1.2.1 — nurse partly met only → partially met.
    /// Round 1: the GP now does not meet 1.1.1 and the nurse does not answer again (her answers stand): 1.1.1 — not met, not met
    /// → not met; 1.2.1 unchanged → partially met.
    /// </summary>
    [Fact]
    public void Compliance_is_kept_per_assessment_the_baseline_then_each_round_for_the_review_and_for_benchmarking()
    {
        IReviewEvent[] events =
        [
            .. ToDecision.Cast<IReviewEvent>(), new ReviewDue(Id, new DateOnly(2027, 3, 1), ReviewDateArrived), Opening(),
            new StakeholderResponseSubmitted(Id, "gp", 2, [Answer("1.1.1", Compliance.NotMet)], RoundOpens.AddDays(1)),
            new ReassessmentClosed(Id, 1, WindowClosure.AtDeadline, ["nurse"], new DateOnly(2028, 3, 30), RoundDeadline),
        ];
        var history = events.Aggregate(ComplianceOverTime.Empty, ComplianceOverTime.Evolve);

        Assert.Equal(2, history.Assessments.Count);
        var (baseline, round) = (history.Assessments[0], history.Assessments[1]);
        Assert.Equal((0, Now.AddDays(-2)), (baseline.Round, baseline.At));
        Assert.Equal([Compliance.PartiallyMet, Compliance.PartiallyMet], new[] { baseline.Of("1.1.1"), baseline.Of("1.2.1") });
        Assert.Equal((1, RoundDeadline), (round.Round, round.At));
        Assert.Equal([Compliance.NotMet, Compliance.PartiallyMet], new[] { round.Of("1.1.1"), round.Of("1.2.1") });

        var benchmark = events.Aggregate((ReviewBenchmark?)null, ReviewBenchmark.Evolve)!;
        Assert.Equal(history.Assessments.Select(a => (a.At, a.Round, a.Codes)), benchmark.Assessments.Select(a => (a.At, a.Round, a.Codes)));
        Assert.Equal("Re-assessment 1", ReassessmentRules.Name(round.Round));
    }

    [Fact]
    public void The_chair_is_offered_a_round_under_review_and_its_window_steps_while_it_is_open()
    {
        var chair = new Asker(IsChair: true, IsFinanceLead: false, IsInvited: false, HasResponded: false, RespondsFor: []);
        var stakeholder = new Asker(false, false, IsInvited: true, HasResponded: false, RespondsFor: []);
        IEnumerable<NextStep> Steps(Review r, Asker a) => NextSteps.For(new ReviewFacts(r.Progress, true, true, true), a, RoundOpens).Select(s => s.What);

        Assert.DoesNotContain(NextStep.OpenReassessment, Steps(Decided_(), chair));
        Assert.Equal([NextStep.OpenReassessment, NextStep.CloseReview], Steps(UnderReview(), chair));
        Assert.Equal([NextStep.InviteMoreStakeholders, NextStep.ExtendResponseDeadline, NextStep.CloseResponseWindowNow, NextStep.CloseReview],
            Steps(Reassessing(), chair));
        Assert.Equal([NextStep.Respond], Steps(Reassessing(), stakeholder));
    }
}

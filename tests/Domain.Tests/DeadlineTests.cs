using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Tests.Given;

namespace GuidanceFlow.Domain.Tests;

public class DeadlineTests
{
    private static readonly DeadlinePolicy Policy = DeadlinePolicy.Default;
    private static readonly DateTimeOffset Deadline = Now.AddDays(14);

    private static IReadOnlyList<PendingDeadline> Pending(Review review) => Deadlines.Pending(review, Policy);

    [Fact]
    public void An_open_window_has_reminders_7_and_1_days_before_and_closes_at_the_deadline()
    {
        var pending = Pending(AwaitingResponses());
        Assert.Equal(
            [(DeadlineAction.RemindNonResponders, Deadline.AddDays(-7)), (DeadlineAction.RemindNonResponders, Deadline.AddDays(-1)),
             (DeadlineAction.CloseResponseWindow, Deadline)],
            pending.Select(p => (p.Action, p.FireAt)));
    }

    [Fact]
    public void A_groups_own_reminder_days_are_used()
    {
        var pending = Deadlines.Pending(AwaitingResponses(), Policy with { ReminderDaysBefore = [3] });
        Assert.Equal([Deadline.AddDays(-3), Deadline], pending.Select(p => p.FireAt));
    }

    [Fact]
    public void A_reminder_already_past_when_the_window_opened_is_not_scheduled()
    {
        var shortWindow = History(Opened(), Grid(), Invited(), new ResponseWindowOpened(Id, Now.AddDays(3), Now));
        Assert.Equal([DeadlineAction.RemindNonResponders, DeadlineAction.CloseResponseWindow],
            Pending(shortWindow).Select(p => p.Action));
        Assert.Equal(Now.AddDays(2), Pending(shortWindow)[0].FireAt);
    }

    [Fact]
    public void A_reminder_goes_to_non_responders_only_and_once()
    {
        var review = History(Opened(), Grid(), Invited(), WindowOpened(), Responded("gp"));
        var key = Pending(review)[0].Key;

        var sent = Deadlines.Act(review, key, Policy, Deadline.AddDays(-7)).Single<ResponseReminderSent>();
        Assert.Equal(["nurse"], sent.Recipients);
        Assert.Equal(7, sent.DaysBefore);

        var again = Deadlines.Act(Review.Evolve(review, sent), key, Policy, Deadline.AddDays(-6));
        Assert.Empty(again.Events);
    }

    [Fact]
    public void A_trigger_that_fires_early_does_nothing()
    {
        var review = AwaitingResponses();
        Assert.Empty(Deadlines.Act(review, DeadlineKeys.Close(Deadline), Policy, Deadline.AddSeconds(-30)).Events);
    }

    [Fact]
    public void At_the_deadline_the_window_closes_by_itself_listing_non_responders_and_distributes()
    {
        var review = History(Opened(), Grid(), Invited(), WindowOpened(), Responded("gp"));
        var decision = Deadlines.Act(review, DeadlineKeys.Close(Deadline), Policy, Deadline.AddSeconds(2));

        var closed = Assert.IsType<ResponseWindowClosed>(decision.Events[0]);
        Assert.Equal(WindowClosure.AtDeadline, closed.ClosedBy);
        Assert.Equal(["nurse"], closed.NonResponders);
        Assert.IsType<CollatedResponseDistributed>(decision.Events[1]);
    }

    [Fact]
    public void A_close_trigger_after_the_chair_closed_by_hand_does_nothing()
    {
        Assert.Empty(Deadlines.Act(Collated(), DeadlineKeys.Close(Deadline), Policy, Deadline.AddMinutes(1)).Events);
    }

    [Fact]
    public void Extending_moves_every_trigger_and_the_old_ones_do_nothing()
    {
        var newDeadline = Deadline.AddDays(7);
        var extended = ExtendDeadline.Decide(AwaitingResponses(),
            new ExtendDeadline(Id, DeadlineKind.ResponseWindow, newDeadline, "Bank holiday", null, Chair), Now).Single<DeadlineExtended>();
        Assert.Equal(Deadline, extended.PreviousDue);

        var review = Review.Evolve(AwaitingResponses(), extended)!;
        Assert.All(Pending(review), p => Assert.Equal(newDeadline, p.DueAt));
        Assert.Equal(newDeadline, Pending(review).Last().FireAt);
        Assert.Empty(Deadlines.Act(review, DeadlineKeys.Close(Deadline), Policy, Deadline.AddMinutes(1)).Events);
        // A response after the old deadline but before the new one is accepted.
        SubmitResponse.Decide(review, new SubmitResponse(Id, "gp", [Answer("1.1.1")], null, Gp), Deadline.AddDays(1))
            .Single<StakeholderResponseSubmitted>();
    }

    [Fact]
    public void An_extension_must_be_later_have_a_reason_and_apply_to_an_open_deadline()
    {
        ExtendDeadline.Decide(AwaitingResponses(), new(Id, DeadlineKind.ResponseWindow, Deadline.AddDays(-1), "x", null, Chair), Now)
            .ShouldBeRefused("later than the current deadline");
        ExtendDeadline.Decide(AwaitingResponses(), new(Id, DeadlineKind.ResponseWindow, Deadline.AddDays(1), " ", null, Chair), Now)
            .ShouldBeRefused("Say why");
        ExtendDeadline.Decide(Collated(), new(Id, DeadlineKind.ResponseWindow, Deadline.AddDays(1), "x", null, Chair), Now)
            .ShouldBeRefused("no open response deadline");
        ExtendDeadline.Decide(History(Opened(GuidanceType.TA)), new(Id, DeadlineKind.TechnologyAppraisalFunding, Now.AddDays(200), "x", null, Chair), Now)
            .ShouldBeRefused("statutory");
    }

    [Fact]
    public void After_closing_the_financial_impact_is_due_in_14_days_then_escalates_once()
    {
        var review = History(Opened(), Grid(), Invited(), WindowOpened(), new ResponseWindowClosed(Id, WindowClosure.ByChair, [], Now, Now.AddDays(14)));
        var due = Assert.Single(Pending(review));
        Assert.Equal((DeadlineAction.EscalateFinancialImpact, Now.AddDays(14)), (due.Action, due.FireAt));

        var escalated = Deadlines.Act(review, due.Key, Policy, Now.AddDays(15)).Single<DeadlineEscalated>();
        Assert.Empty(Pending(Review.Evolve(review, escalated)!));
    }

    [Fact]
    public void Assessing_the_financial_impact_cancels_its_escalation()
    {
        var review = History(Opened(), Grid(), Invited(), WindowOpened(), new ResponseWindowClosed(Id, WindowClosure.ByChair, [], Now, Now.AddDays(14)), NotNeeded());
        Assert.Empty(Pending(review));
    }

    [Fact]
    public void The_decision_is_due_at_the_meeting_the_chair_sets()
    {
        var meeting = Now.AddDays(30);
        var scheduled = ScheduleDecisionMeeting.Decide(FinanciallySettled(), new(Id, meeting, null, Chair), Now).Single<DecisionMeetingScheduled>();
        var review = Review.Evolve(FinanciallySettled(), scheduled)!;
        var due = Assert.Single(Pending(review));
        Assert.Equal((DeadlineAction.EscalateDecision, meeting), (due.Action, due.FireAt));
        Assert.IsType<DeadlineEscalated>(Assert.Single(Deadlines.Act(review, due.Key, Policy, meeting.AddHours(1)).Events));
    }

    [Fact]
    public void The_review_date_reopens_monitoring()
    {
        var decided = History(Opened(), Grid(), Invited(), WindowOpened(), WindowClosed(), NotNeeded(), Decided());
        var due = Assert.Single(Pending(decided));
        Assert.Equal(UkTime.At(new DateOnly(2027, 3, 1), new TimeOnly(9, 0)), due.FireAt);

        var reopened = Deadlines.Act(decided, due.Key, Policy, due.FireAt).Single<ReviewDue>();
        Assert.Equal(ReviewStatus.UnderReview, Review.Evolve(decided, reopened)!.Status);
    }

    [Fact]
    public void A_technology_appraisal_has_its_90_day_funding_deadline_from_publication_with_warnings_at_60_and_80()
    {
        var published = new DateOnly(2026, 2, 20);
        var opened = new GuidanceReviewOpened(Id, "TA123", GuidanceType.TA, "A drug", published, "Riverside", "chair", "Dr Chair",
            UkTime.At(published.AddDays(3), new TimeOnly(10, 0)));
        var pending = Pending(History(opened));

        Assert.Equal(
            [UkTime.At(published.AddDays(60), new TimeOnly(9, 0)), UkTime.At(published.AddDays(80), new TimeOnly(9, 0)),
             UkTime.At(published.AddDays(90), new TimeOnly(9, 0))],
            pending.Select(p => p.FireAt));
        Assert.All(pending, p => Assert.Equal(DeadlineKind.TechnologyAppraisalFunding, p.Deadline));
        Assert.Empty(Pending(History(Opened())));
    }

    [Fact]
    public void A_technology_appraisal_that_says_30_days_is_funded_by_day_30_and_the_chair_can_set_the_period_with_a_reason()
    {
        var published = new DateOnly(2026, 2, 20);
        var command = new OpenReview(Id, "TA123", GuidanceType.TA, "A drug", published, "Riverside", Chair);
        var opened = (GuidanceReviewOpened)OpenReview.Decide(null, command, UkTime.At(published.AddDays(1), new TimeOnly(10, 0)), fundingDays: 30).Events[0];
        Assert.Equal(30, opened.FundingDays);
        var review = History(opened);
        Assert.Equal([20, 27, 30], Pending(review).Select(p => p.FundingDay!.Value));
        Assert.Equal(UkTime.At(published.AddDays(30), new TimeOnly(9, 0)), Deadlines.FundingDeadline(review));

        // The 30th day passes: the alert says so, and the funding deadline is overdue.
        var passed = Deadlines.Act(review, DeadlineKeys.Funding(30), DeadlinePolicy.Default, Deadlines.FundingDeadline(review));
        var alert = Assert.IsType<FundingDeadlineAlert>(Assert.Single(passed.Events));
        Assert.True(alert.Passed);
        Assert.Contains(DeadlineKind.TechnologyAppraisalFunding, Review.Evolve(review, alert)!.Progress.Overdue);

        Assert.Equal("Say why the funding period is set.", SetFundingPeriod.Decide(review, new(Id, 90, " ", null, Chair), Now).Rejection!.Rule);
        var set = Assert.IsType<FundingPeriodSet>(Assert.Single(SetFundingPeriod.Decide(review, new(Id, 90, "The appraisal gives 90 days", null, Chair), Now).Events));
        var ninety = Review.Evolve(review, set)!;
        Assert.True(Deadlines.MayHaveMoved(review, ninety));
        Assert.Equal([60, 80, 90], Pending(ninety).Select(p => p.FundingDay!.Value));
        Assert.Contains("Only a technology appraisal", SetFundingPeriod.Decide(History(Opened()), new(Id, 30, "x", null, Chair), Now).Rejection!.Rule);
        // A guideline has no funding period, whatever the catalogue says.
        Assert.Null(((GuidanceReviewOpened)OpenReview.Decide(null, command with { GuidanceId = "NG12", GuidanceType = GuidanceType.NG }, Now, fundingDays: 30).Events[0]).FundingDays);
    }

    [Fact]
    public void A_closed_review_has_no_deadlines() => Assert.Empty(Pending(Closed()));

    [Theory]
    [InlineData(GuidanceType.NG)]
    [InlineData(GuidanceType.TA)]
    public void Whenever_an_event_changes_the_pending_deadlines_it_is_said_to_have_moved_them(GuidanceType type)
    {
        object[] history =
        [
            Opened(type), Grid(), Invited(), WindowOpened(), Responded("gp"), new ResponseDelegated(Id, "nurse", "deputy", "Deputy D", Now.AddDays(-4)),
            new ResponseReminderSent(Id, Deadline, 7, ["nurse"], Deadline.AddDays(-7)), Responded("nurse"), Responded("gp", 2),
            new DeadlineExtended(Id, DeadlineKind.ResponseWindow, Deadline, Deadline.AddDays(7), "Holidays", Now),
            WindowClosed(), new DeadlineEscalated(Id, DeadlineKind.FinancialImpact, Now, Now), NotNeeded(),
            new DecisionMeetingScheduled(Id, Now.AddDays(10)), Decided(), new ReviewDue(Id, new DateOnly(2027, 3, 1), Now.AddDays(200)),
        ];
        var moved = new List<string>();
        Review? before = null;
        foreach (var e in history)
        {
            var after = Review.Evolve(before, e)!;
            var changed = before is null || !Pending(before).SequenceEqual(Pending(after));
            if (changed) Assert.True(Deadlines.MayHaveMoved(before, after), $"{e.GetType().Name} moved the deadlines unannounced");
            if (Deadlines.MayHaveMoved(before, after)) moved.Add(e.GetType().Name);
            before = after;
        }
        // What the check is for: responses, invitations and delegations need no trigger sync.
        Assert.DoesNotContain(nameof(StakeholderResponseSubmitted), moved);
        Assert.DoesNotContain(nameof(StakeholdersInvited), moved);
        Assert.DoesNotContain(nameof(ResponseDelegated), moved);
    }

    [Fact]
    public void Uk_time_follows_daylight_saving()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), UkTime.At(new DateOnly(2026, 1, 15), new TimeOnly(9, 0)));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 8, 0, 0, TimeSpan.Zero), UkTime.At(new DateOnly(2026, 7, 15), new TimeOnly(9, 0)));
        Assert.Equal("Wednesday 15 July 2026, 6:00pm (BST)", UkTime.Format(new DateTimeOffset(2026, 7, 15, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Thursday 15 January 2026, 5:00pm (GMT)", UkTime.Format(new DateTimeOffset(2026, 1, 15, 17, 0, 0, TimeSpan.Zero)));
    }
}

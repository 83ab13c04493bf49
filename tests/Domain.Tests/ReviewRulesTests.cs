using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Tests.Given;

namespace GuidanceFlow.Domain.Tests;

public class OpeningTests
{
    private static OpenReview Command(DateOnly? published = null) =>
        new(Id, " ng115 ", GuidanceType.NG, " COPD ", published ?? new DateOnly(2018, 12, 5), "Riverside", Chair);

    [Fact]
    public void Opening_records_the_guidance_and_the_chair()
    {
        var opened = OpenReview.Decide(null, Command(), Now).Single<GuidanceReviewOpened>();
        Assert.Equal("NG115", opened.GuidanceId);
        Assert.Equal("COPD", opened.Title);
        Assert.Equal("chair", opened.ChairUserId);
        Assert.Equal(Now, opened.OpenedAt);
    }

    [Fact]
    public void A_review_id_cannot_be_opened_twice() =>
        OpenReview.Decide(History(Opened()), Command(), Now).ShouldBeRefused("already exists");

    [Fact]
    public void Guidance_not_yet_published_cannot_be_reviewed() =>
        OpenReview.Decide(null, Command(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(10)), Now).ShouldBeRefused("publication date");
}

public class GridTests
{
    private static CreateGrid Command(params string[] numbers) =>
        new(Id, numbers.Select(n => new Recommendation(n, "Do the thing", [" Acute ", "Acute", ""])).ToList(), null, Chair);

    [Fact]
    public void The_grid_lists_each_recommendation_with_its_settings()
    {
        var grid = CreateGrid.Decide(History(Opened()), Command("1.1.1", "1.2.1")).Single<RecommendationGridCreated>();
        Assert.Equal(["1.1.1", "1.2.1"], grid.Recommendations.Select(r => r.Number));
        Assert.Equal(["Acute"], grid.Recommendations[0].Settings);
    }

    [Fact]
    public void Recommendation_numbers_must_be_unique() =>
        CreateGrid.Decide(History(Opened()), Command("1.1.1", "1.2.1", "1.1.1")).ShouldBeRefused("repeated: 1.1.1");

    [Fact]
    public void A_grid_needs_a_recommendation() =>
        CreateGrid.Decide(History(Opened()), Command()).ShouldBeRefused("at least one");

    [Fact]
    public void The_grid_can_be_rebuilt_before_the_window_opens() =>
        CreateGrid.Decide(History(Opened(), Grid()), Command("2.1")).Single<RecommendationGridCreated>();

    [Fact]
    public void The_grid_is_fixed_once_the_window_opens() =>
        CreateGrid.Decide(AwaitingResponses(), Command("2.1")).ShouldBeRefused("response window has opened");

    [Fact]
    public void An_unknown_review_is_not_found() =>
        CreateGrid.Decide(null, Command("1.1")).ShouldBeRefused("No guidance review", RejectionKind.NotFound);
}

public class InvitationTests
{
    [Fact]
    public void Stakeholders_are_invited_with_sector_and_discipline()
    {
        var invited = InviteStakeholders.Decide(History(Opened(), Grid()), new(Id, [GpStakeholder], null, Chair))
            .Single<StakeholdersInvited>();
        Assert.Equal(Sector.Primary, invited.Stakeholders[0].Sector);
    }

    [Fact]
    public void A_stakeholder_is_invited_once() =>
        InviteStakeholders.Decide(History(Opened(), Grid(), Invited()), new(Id, [GpStakeholder], null, Chair))
            .ShouldBeRefused("Already invited: gp");

    [Fact]
    public void The_same_stakeholder_twice_in_one_invitation_is_refused() =>
        InviteStakeholders.Decide(History(Opened()), new(Id, [GpStakeholder, GpStakeholder], null, Chair))
            .ShouldBeRefused("repeated: gp");

    [Fact]
    public void Nobody_is_invited_after_the_window_closes() =>
        InviteStakeholders.Decide(Collated(), new(Id, [GpStakeholder with { StakeholderId = "late" }], null, Chair))
            .ShouldBeRefused("after the response window has closed");
}

public class ResponseWindowTests
{
    private static OpenResponseWindow Open(DateTimeOffset deadline) => new(Id, deadline, null, Chair);

    [Fact]
    public void The_window_opens_with_a_future_deadline() =>
        Assert.Equal(Now.AddDays(28), OpenResponseWindow.Decide(History(Opened(), Grid(), Invited()), Open(Now.AddDays(28)), Now)
            .Single<ResponseWindowOpened>().Deadline);

    [Fact]
    public void The_window_needs_the_grid() =>
        OpenResponseWindow.Decide(History(Opened(), Invited()), Open(Now.AddDays(28)), Now).ShouldBeRefused("before the grid");

    [Fact]
    public void The_window_needs_stakeholders() =>
        OpenResponseWindow.Decide(History(Opened(), Grid()), Open(Now.AddDays(28)), Now).ShouldBeRefused("at least one stakeholder");

    [Fact]
    public void The_deadline_must_be_in_the_future() =>
        OpenResponseWindow.Decide(History(Opened(), Grid(), Invited()), Open(Now.AddMinutes(-1)), Now).ShouldBeRefused("future");

    [Fact]
    public void The_window_opens_once() =>
        OpenResponseWindow.Decide(AwaitingResponses(), Open(Now.AddDays(28)), Now).ShouldBeRefused("already been opened");

    [Fact]
    public void Closing_lists_non_responders_and_distributes_to_everyone_invited()
    {
        var review = History(Opened(), Grid(), Invited(), WindowOpened(), Responded("gp"));
        var decision = CloseResponseWindow.Decide(review, new(Id, WindowClosure.ByChair, null, Chair), Now, DeadlinePolicy.Default);

        Assert.True(decision.IsAccepted);
        var closed = Assert.IsType<ResponseWindowClosed>(decision.Events[0]);
        var distributed = Assert.IsType<CollatedResponseDistributed>(decision.Events[1]);
        Assert.Equal(["nurse"], closed.NonResponders);
        Assert.Equal(["gp", "nurse"], distributed.Recipients);
        Assert.Equal(Now.AddDays(14), closed.FinancialImpactDue);
    }

    [Fact]
    public void The_deadline_cannot_close_the_window_early() =>
        CloseResponseWindow.Decide(AwaitingResponses(), new(Id, WindowClosure.AtDeadline, null, Chair), Now, DeadlinePolicy.Default)
            .ShouldBeRefused("not passed");

    [Fact]
    public void A_closed_window_cannot_close_again() =>
        CloseResponseWindow.Decide(Collated(), new(Id, WindowClosure.ByChair, null, Chair), Now, DeadlinePolicy.Default).ShouldBeRefused("already closed");

    [Fact]
    public void A_window_never_opened_cannot_close() =>
        CloseResponseWindow.Decide(History(Opened(), Grid()), new(Id, WindowClosure.ByChair, null, Chair), Now, DeadlinePolicy.Default)
            .ShouldBeRefused("not been opened");
}

public class RespondingTests
{
    private static SubmitResponse Submit(string stakeholder = "gp", params RecommendationResponse[] answers) =>
        new(Id, stakeholder, answers.Length == 0 ? [Answer("1.1.1")] : answers, null, Gp with { UserId = stakeholder });

    [Fact]
    public void An_invited_stakeholder_responds_per_recommendation()
    {
        var submitted = SubmitResponse.Decide(AwaitingResponses(), Submit("gp", Answer("1.1.1"), Answer("1.2.1", Compliance.NotMet)), Now)
            .Single<StakeholderResponseSubmitted>();
        Assert.Equal(1, submitted.Revision);
        Assert.Equal(Compliance.NotMet, submitted.Responses[1].Compliance);
    }

    [Fact]
    public void Amending_keeps_counting_revisions()
    {
        var review = History(Opened(), Grid(), Invited(), WindowOpened(), Responded("gp", 1), Responded("gp", 2));
        Assert.Equal(3, SubmitResponse.Decide(review, Submit(), Now).Single<StakeholderResponseSubmitted>().Revision);
    }

    [Fact]
    public void No_response_before_the_grid_exists() =>
        SubmitResponse.Decide(History(Opened(), Invited()), Submit(), Now).ShouldBeRefused("before the grid");

    [Fact]
    public void No_response_before_the_window_opens() =>
        SubmitResponse.Decide(History(Opened(), Grid(), Invited()), Submit(), Now).ShouldBeRefused("not been opened");

    [Fact]
    public void No_response_after_the_chair_closed_the_window_early_and_the_refusal_says_so_with_the_dates() =>
        SubmitResponse.Decide(Collated(), Submit(), Now)
            .ShouldBeRefused($"The chair closed the response window early, at {UkTime.Format(Now.AddDays(-2))}");

    [Fact]
    public void No_response_after_the_window_closed_at_its_deadline_and_the_refusal_gives_that_date()
    {
        var due = Now.AddDays(-1);
        var closed = History(Opened(), Grid(), Invited(), WindowOpened(due), new ResponseWindowClosed(Id, WindowClosure.AtDeadline, [], due));
        SubmitResponse.Decide(closed, Submit(), Now).ShouldBeRefused($"The response window closed at its deadline, {UkTime.Format(due)}");
    }

    [Fact]
    public void No_response_after_the_deadline_even_before_the_window_is_closed() =>
        SubmitResponse.Decide(History(Opened(), Grid(), Invited(), WindowOpened(Now.AddMinutes(-1))), Submit(), Now)
            .ShouldBeRefused($"The deadline for responses passed at {UkTime.Format(Now.AddMinutes(-1))}");

    [Fact]
    public void A_target_date_already_past_is_refused_with_the_recommendation_and_the_date()
    {
        var past = UkTime.DateOf(Now).AddDays(-1);
        var answer = new RecommendationResponse("1.1.1", Compliance.NotMet, TargetDate: past);
        SubmitResponse.Decide(AwaitingResponses(), Submit() with { Responses = [answer] }, Now)
            .ShouldBeRefused($"The target date for recommendation 1.1.1 must be today or later: {UkTime.Format(past)} has passed");
        Assert.True(SubmitResponse.Decide(AwaitingResponses(), Submit() with { Responses = [answer with { TargetDate = UkTime.DateOf(Now) }] }, Now).IsAccepted);
    }

    [Fact]
    public void Only_invited_stakeholders_respond() =>
        SubmitResponse.Decide(AwaitingResponses(), Submit("stranger"), Now).ShouldBeRefused("not an invited stakeholder");

    [Fact]
    public void Only_recommendations_in_the_grid_can_be_answered() =>
        SubmitResponse.Decide(AwaitingResponses(), Submit("gp", Answer("9.9.9")), Now).ShouldBeRefused("Not in this review's grid: 9.9.9");

    [Fact]
    public void A_recommendation_is_answered_once_per_submission() =>
        SubmitResponse.Decide(AwaitingResponses(), Submit("gp", Answer("1.1.1"), Answer("1.1.1")), Now).ShouldBeRefused("repeated: 1.1.1");
}

public class FinancialImpactTests
{
    private static CostLine Line(string? number, decimal recurrent, decimal saving = 0) =>
        new("Acute Trust", Sector.Secondary, [new YearFigures(1, 0, recurrent, 0, saving), new YearFigures(2, 0, recurrent, 0, 0)], number);

    [Fact]
    public void Thresholds_scale_with_the_local_population()
    {
        Assert.Equal(10_000m, ResourceImpact.ScaledThreshold(ResourceImpact.NationalRecommendationThreshold, 570_000));
        Assert.Equal(50_000m, ResourceImpact.ScaledThreshold(ResourceImpact.NationalGuidanceThreshold, 570_000));
    }

    [Fact]
    public void A_recommendation_over_its_scaled_threshold_makes_the_impact_substantial()
    {
        var assessed = AssessFinancialImpact.Decide(Collated(), new(Id, 570_000, [Line("1.1.1", 12_000m), Line("1.2.1", 4_000m)], null, Chair), Now)
            .Single<FinancialImpactAssessed>();

        Assert.True(assessed.Substantial);
        Assert.True(assessed.ByRecommendation.Single(r => r.RecommendationNumber == "1.1.1").Substantial);
        Assert.False(assessed.ByRecommendation.Single(r => r.RecommendationNumber == "1.2.1").Substantial);
        Assert.Equal(5, assessed.Total.Count);
        Assert.Equal(16_000m, assessed.Total[1].NetCost);
        Assert.Contains(assessed.SubstantialBecause, r => r.Contains("Recommendation 1.1.1"));
    }

    [Fact]
    public void The_whole_guidance_can_be_substantial_when_no_single_recommendation_is()
    {
        var lines = Enumerable.Range(0, 6).Select(_ => Line(null, 9_000m)).ToList();
        var assessed = AssessFinancialImpact.Decide(Collated(), new(Id, 570_000, lines, null, Chair), Now).Single<FinancialImpactAssessed>();
        Assert.True(assessed.Substantial);
        Assert.Contains(assessed.SubstantialBecause, r => r.Contains("as a whole"));
    }

    [Fact]
    public void Savings_offset_costs()
    {
        var assessed = AssessFinancialImpact.Decide(Collated(), new(Id, 570_000, [Line("1.1.1", 12_000m, saving: 11_000m)], null, Chair), Now)
            .Single<FinancialImpactAssessed>();
        Assert.Equal(1_000m, assessed.Total[0].NetCost);
        Assert.True(assessed.Substantial); // year 2 has no saving: 12,000 > 10,000
    }

    [Fact]
    public void Not_before_the_window_closes() =>
        AssessFinancialImpact.Decide(AwaitingResponses(), new(Id, 570_000, [Line("1.1.1", 1m)], null, Chair), Now)
            .ShouldBeRefused("after the response window has closed");

    [Fact]
    public void Only_recommendations_in_the_grid_can_be_costed() =>
        AssessFinancialImpact.Decide(Collated(), new(Id, 570_000, [Line("7.7", 1m)], null, Chair), Now).ShouldBeRefused("Not in this review's grid: 7.7");

    [Fact]
    public void Marking_not_needed_requires_a_reason() =>
        MarkFinancialImpactNotNeeded.Decide(Collated(), new(Id, " ", null, Chair), Now).ShouldBeRefused("Say why");

    [Fact]
    public void The_impact_cannot_change_after_the_decision() =>
        AssessFinancialImpact.Decide(History(Opened(), Grid(), Invited(), WindowOpened(), WindowClosed(), NotNeeded(), Decided()),
            new(Id, 570_000, [Line("1.1.1", 1m)], null, Chair), Now).ShouldBeRefused("decision has been recorded");
}

public class DecisionTests
{
    private static RecordDecision Decide(DecisionOutcome outcome = DecisionOutcome.Implement, string? risk = null) =>
        new(Id, outcome, "Evidence is strong", risk, [new ActionItem("Train staff", "Lead nurse", new DateOnly(2026, 6, 1))],
            new DateOnly(2027, 3, 1), null, Chair);

    [Fact]
    public void A_decision_follows_the_financial_assessment()
    {
        var decided = RecordDecision.Decide(FinanciallySettled(), Decide(), Now, DeadlinePolicy.Default).Single<DecisionRecorded>();
        Assert.Equal(DecisionOutcome.Implement, decided.Outcome);
        Assert.Single(decided.Actions);
    }

    [Fact]
    public void No_decision_before_the_financial_impact_is_assessed_or_marked_not_needed() =>
        RecordDecision.Decide(Collated(), Decide(), Now, DeadlinePolicy.Default).ShouldBeRefused("financial impact assessed first");

    [Fact]
    public void No_decision_while_responses_are_open() =>
        RecordDecision.Decide(AwaitingResponses(), Decide(), Now, DeadlinePolicy.Default).ShouldBeRefused("after the response window has closed");

    [Fact]
    public void Not_implementing_requires_the_risk() =>
        RecordDecision.Decide(FinanciallySettled(), Decide(DecisionOutcome.DoNotImplement), Now, DeadlinePolicy.Default).ShouldBeRefused("risk");

    [Fact]
    public void Not_implementing_with_the_risk_is_recorded() =>
        Assert.Equal("Longer waits", RecordDecision.Decide(FinanciallySettled(), Decide(DecisionOutcome.DoNotImplement, "Longer waits"), Now, DeadlinePolicy.Default)
            .Single<DecisionRecorded>().Risk);

    [Fact]
    public void A_review_is_decided_once() =>
        RecordDecision.Decide(History(Opened(), Grid(), Invited(), WindowOpened(), WindowClosed(), NotNeeded(), Decided()), Decide(), Now, DeadlinePolicy.Default)
            .ShouldBeRefused("already been recorded");

    [Fact]
    public void Without_a_review_date_the_group_default_applies() =>
        Assert.Equal(new DateOnly(2027, 9, 2),
            RecordDecision.Decide(FinanciallySettled(), Decide() with { ReviewDate = null }, Now, DeadlinePolicy.Default with { ReviewAfterMonths = 18 })
                .Single<DecisionRecorded>().ReviewDate);

    [Fact]
    public void The_review_date_is_in_the_future() =>
        RecordDecision.Decide(FinanciallySettled(), Decide() with { ReviewDate = new DateOnly(2026, 1, 1) }, Now, DeadlinePolicy.Default).ShouldBeRefused("review date");
}

public class ClosedReviewTests
{
    [Fact]
    public void Closing_records_the_reason() =>
        Assert.Equal("Withdrawn by NICE", CloseReview.Decide(History(Opened()), new(Id, "Withdrawn by NICE", null, Chair), Now)
            .Single<ReviewClosed>().Reason);

    [Fact]
    public void Nothing_is_recorded_after_the_review_is_closed()
    {
        var closed = Closed();
        CreateGrid.Decide(closed, new(Id, [new Recommendation("1", "x", [])], null, Chair)).ShouldBeRefused("closed");
        InviteStakeholders.Decide(closed, new(Id, [GpStakeholder], null, Chair)).ShouldBeRefused("closed");
        OpenResponseWindow.Decide(closed, new(Id, Now.AddDays(3), null, Chair), Now).ShouldBeRefused("closed");
        SubmitResponse.Decide(closed, new(Id, "gp", [Answer("1.1.1")], null, Gp), Now).ShouldBeRefused("closed");
        CloseResponseWindow.Decide(closed, new(Id, WindowClosure.ByChair, null, Chair), Now, DeadlinePolicy.Default).ShouldBeRefused("closed");
        AssessFinancialImpact.Decide(closed, new(Id, 1000, [], null, Chair), Now).ShouldBeRefused("closed");
        MarkFinancialImpactNotNeeded.Decide(closed, new(Id, "x", null, Chair), Now).ShouldBeRefused("closed");
        RecordDecision.Decide(closed, new(Id, DecisionOutcome.Defer, "x", null, [], new DateOnly(2027, 1, 1), null, Chair), Now, DeadlinePolicy.Default).ShouldBeRefused("closed");
        CloseReview.Decide(closed, new(Id, "again", null, Chair), Now).ShouldBeRefused("closed");
    }
}

public class DelegationTests
{
    private static readonly Actor Nurse = new("nurse", "Nurse N", "Acute Trust", "Stakeholder");
    private static readonly Actor Colleague = new("colleague", "Dr Colleague", "Oak Practice", "Delegate");
    private static readonly Actor Stranger = new("stranger", "Someone", "Another Practice", "Delegate");
    private static readonly Colleague OfOak = new("colleague", "Dr Colleague", "Oak Practice");
    private static readonly Colleague OfAnother = new("stranger", "Someone", "Another Practice");

    private static DelegateResponse To(string? userId, Actor? by = null) => new(Id, "gp", userId, null, by ?? Gp);

    private static Review Delegated() =>
        Review.Evolve(AwaitingResponses(), DelegateResponse.Decide(AwaitingResponses(), To("colleague"), OfOak, Now)
            .Single<ResponseDelegated>())!;

    private static SubmitResponse For(string stakeholder, Actor actor) => new(Id, stakeholder, [Answer("1.1.1")], null, actor);

    [Fact]
    public void Nobody_may_respond_for_someone_else_without_a_delegation() =>
        SubmitResponse.Decide(AwaitingResponses(), For("gp", Nurse), Now).ShouldBeRefused("only your own", RejectionKind.Forbidden);

    [Fact]
    public void A_delegated_colleague_of_the_same_organisation_responds_for_the_stakeholder()
    {
        var submitted = SubmitResponse.Decide(Delegated(), For("gp", Colleague), Now).Single<StakeholderResponseSubmitted>();
        Assert.Equal("gp", submitted.StakeholderId);
    }

    [Fact]
    public void The_name_recorded_for_a_delegate_is_the_directorys_not_the_askers()
    {
        var delegated = DelegateResponse.Decide(AwaitingResponses(), To("colleague"), OfOak with { Name = "Dr C. Colleague" }, Now)
            .Single<ResponseDelegated>();
        Assert.Equal(("colleague", "Dr C. Colleague"), (delegated.DelegateUserId, delegated.DelegateName));
    }

    [Fact]
    public void Nobody_of_another_organisation_can_be_delegated_to() =>
        DelegateResponse.Decide(AwaitingResponses(), To("stranger"), OfAnother, Now).ShouldBeRefused("works for Another Practice, not Oak Practice");

    [Fact]
    public void A_made_up_user_id_cannot_be_delegated_to() =>
        DelegateResponse.Decide(AwaitingResponses(), To("nobody.at.all"), null, Now).ShouldBeRefused("No GuidanceFlow user has the id 'nobody.at.all'");

    [Fact]
    public void An_organisation_code_decides_over_a_differently_spelled_name()
    {
        var coded = History(Opened(), Grid(), new StakeholdersInvited(Id, [GpStakeholder with { OrganisationCode = "Y00101" }]), WindowOpened());
        DelegateResponse.Decide(coded, To("colleague"), OfOak with { Organisation = "Oak Practice (Dr Smith & partners)", OrganisationCode = "y00101" }, Now)
            .Single<ResponseDelegated>();
        DelegateResponse.Decide(coded, To("colleague"), OfOak with { OrganisationCode = "Y00102" }, Now).ShouldBeRefused("your own organisation");
    }

    [Fact]
    public void A_delegate_from_another_organisation_may_not_respond()
    {
        // A delegation recorded before the rule existed still gives no right to respond.
        var old = Review.Evolve(AwaitingResponses(), new ResponseDelegated(Id, "gp", "stranger", "Someone", Now))!;
        SubmitResponse.Decide(old, For("gp", Stranger), Now).ShouldBeRefused("your organisation", RejectionKind.Forbidden);
    }

    [Fact]
    public void Only_the_stakeholder_delegates_and_a_withdrawn_delegation_ends_it()
    {
        DelegateResponse.Decide(AwaitingResponses(), To("colleague", Nurse), OfOak, Now)
            .ShouldBeRefused("Only the invited stakeholder", RejectionKind.Forbidden);
        var withdrawn = DelegateResponse.Decide(Delegated(), To(null), null, Now).Single<ResponseDelegationWithdrawn>();
        SubmitResponse.Decide(Review.Evolve(Delegated(), withdrawn), For("gp", Colleague), Now).ShouldBeRefused("only your own", RejectionKind.Forbidden);
    }

    [Fact]
    public void Nothing_is_delegated_once_the_window_has_closed() =>
        DelegateResponse.Decide(Collated(), To("colleague"), OfOak, Now).ShouldBeRefused("The chair closed the response window early");
}

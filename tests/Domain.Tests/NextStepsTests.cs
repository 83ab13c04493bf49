using GuidanceFlow.Domain.Reviews;
using static GuidanceFlow.Domain.Tests.Given;

namespace GuidanceFlow.Domain.Tests;

/// <summary>What a user may do next, and who may respond for whom: the domain's answers that pages and inboxes show.</summary>
public class NextStepsTests
{
    private static readonly Asker Chair = new(IsChair: true, IsFinanceLead: false, IsInvited: false, HasResponded: false, RespondsFor: []);
    private static readonly Asker Stakeholder = new(false, false, IsInvited: true, HasResponded: false, RespondsFor: []);

    private static IEnumerable<NextStep> Steps(Review review, Asker asker, DateTimeOffset now) =>
        NextSteps.For(new ReviewFacts(review.Progress, review.HasGrid, !review.Stakeholders.IsEmpty, false), asker, now).Select(s => s.What);

    [Fact]
    public void A_chair_before_the_window_builds_invites_and_opens_once_both_exist()
    {
        Assert.Equal([NextStep.BuildGrid, NextStep.InviteStakeholders, NextStep.CloseReview], Steps(History(Opened()), Chair, Now));
        Assert.Equal([NextStep.BuildGrid, NextStep.InviteStakeholders, NextStep.OpenResponseWindow, NextStep.CloseReview],
            Steps(History(Opened(), Grid(), Invited()), Chair, Now));
    }

    [Fact]
    public void A_stakeholder_responds_only_while_the_window_is_open_and_its_deadline_ahead()
    {
        var review = AwaitingResponses();
        Assert.Equal([NextStep.Respond], Steps(review, Stakeholder, Now));
        Assert.Equal([NextStep.AmendResponse], Steps(review, Stakeholder with { HasResponded = true }, Now));
        Assert.Empty(Steps(review, Stakeholder, review.Progress.ResponseDeadline!.Value.AddMinutes(1)));
        Assert.Empty(Steps(Collated(), Stakeholder, Now));
    }

    [Fact]
    public void A_delegate_is_offered_the_response_they_were_delegated_and_the_decision_follows_the_financial_impact()
    {
        var delegate_ = new Asker(false, false, false, false, RespondsFor: ["gp"]);
        Assert.Equal([new Step(NextStep.RespondFor, "gp")], NextSteps.For(
            new ReviewFacts(AwaitingResponses().Progress, true, true, false), delegate_, Now));
        Assert.DoesNotContain(NextStep.RecordDecision, Steps(Collated(), Chair, Now));
        Assert.Contains(NextStep.RecordDecision, Steps(FinanciallySettled(), Chair, Now));
    }

    [Fact]
    public void A_delegate_may_respond_only_from_the_stakeholders_own_organisation()
    {
        var colleague = new Actor("colleague", "C", GpStakeholder.Organisation, "Delegate");
        var elsewhere = colleague with { Organisation = "Another Trust" };
        Assert.True(Respondents.MayRespondFor("gp", Gp, GpStakeholder, null));
        Assert.True(Respondents.MayRespondFor("gp", colleague, GpStakeholder, "colleague"));
        Assert.False(Respondents.MayRespondFor("gp", elsewhere, GpStakeholder, "colleague"));
        Assert.False(Respondents.MayRespondFor("gp", colleague, GpStakeholder, null));
    }
}

/// <summary>The step indicator's stages follow the status.</summary>
public class ReviewStagesTests
{
    [Theory]
    [InlineData(ReviewStatus.Opened, false, false, ReviewStage.Grid)]
    [InlineData(ReviewStatus.GridReady, true, false, ReviewStage.Invitations)]
    [InlineData(ReviewStatus.GridReady, true, true, ReviewStage.Responses)]
    [InlineData(ReviewStatus.AwaitingResponses, true, true, ReviewStage.Responses)]
    [InlineData(ReviewStatus.Collated, true, true, ReviewStage.FinancialImpact)]
    [InlineData(ReviewStatus.FinanciallyAssessed, true, true, ReviewStage.Decision)]
    [InlineData(ReviewStatus.Decided, true, true, ReviewStage.Monitoring)]
    [InlineData(ReviewStatus.UnderReview, true, true, ReviewStage.Monitoring)]
    public void One_stage_is_current_those_before_it_done_and_those_after_to_do(ReviewStatus status, bool grid, bool stakeholders, ReviewStage current)
    {
        var stages = ReviewStages.Of(new ReviewProgress(status), grid, stakeholders);
        Assert.Equal(current, Assert.Single(stages, s => s.State == StageState.Current).Stage);
        Assert.All(stages.Where(s => s.Stage < current), s => Assert.Equal(StageState.Done, s.State));
        Assert.All(stages.Where(s => s.Stage > current), s => Assert.Equal(StageState.ToDo, s.State));
    }

    [Fact]
    public void A_closed_review_has_every_stage_done() =>
        Assert.All(ReviewStages.Of(new ReviewProgress(ReviewStatus.Closed), true, true), s => Assert.Equal(StageState.Done, s.State));
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Tests;

/// <summary>Review histories to start a rule from, built by folding real events.</summary>
public static class Given
{
    public static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-000000000115");
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Chair = new("chair", "Dr Chair", "Acute Trust", "Chair");
    public static readonly Actor Gp = new("gp", "Dr GP", "Oak Practice", "Stakeholder");

    public static readonly Stakeholder GpStakeholder = new("gp", "Dr GP", "gp@example.nhs.uk", "Oak Practice", Sector.Primary, Discipline.GP);
    public static readonly Stakeholder NurseStakeholder = new("nurse", "Nurse N", "n@example.nhs.uk", "Acute Trust", Sector.Secondary, Discipline.Nurse);

    public static GuidanceReviewOpened Opened(GuidanceType type = GuidanceType.NG) =>
        new(Id, "NG115", type, "COPD", new DateOnly(2018, 12, 5), "Riverside", "chair", "Dr Chair", Now.AddDays(-30));

    public static RecommendationGridCreated Grid(params string[] numbers) =>
        new(Id, (numbers.Length == 0 ? ["1.1.1", "1.2.1"] : numbers).Select(n => new Recommendation(n, $"Text {n}", [])).ToList());

    public static StakeholdersInvited Invited() => new(Id, [GpStakeholder, NurseStakeholder]);

    public static ResponseWindowOpened WindowOpened(DateTimeOffset? deadline = null) =>
        new(Id, deadline ?? Now.AddDays(14), Now.AddDays(-20));

    public static StakeholderResponseSubmitted Responded(string stakeholder = "gp", int revision = 1) =>
        new(Id, stakeholder, revision, [Answer("1.1.1")], Now.AddDays(-5));

    public static ResponseWindowClosed WindowClosed() => new(Id, WindowClosure.ByChair, ["nurse"], Now.AddDays(-2));

    public static FinancialImpactMarkedNotNeeded NotNeeded() => new(Id, "No cost", Now.AddDays(-1));

    public static DecisionRecorded Decided() =>
        new(Id, DecisionOutcome.Implement, "Because", null, [], new DateOnly(2027, 3, 1), Now.AddHours(-1));

    public static RecommendationResponse Answer(string number, Compliance compliance = Compliance.Met) =>
        new(number, compliance, "Practice", null, null, null, null, null, null);

    public static Review History(params object[] events) =>
        events.Aggregate((Review?)null, Review.Evolve) ?? throw new ArgumentException("A history starts with GuidanceReviewOpened.");

    public static Review AwaitingResponses() => History(Opened(), Grid(), Invited(), WindowOpened());
    public static Review Collated() => History(Opened(), Grid(), Invited(), WindowOpened(), Responded(), WindowClosed());
    public static Review FinanciallySettled() => History(Opened(), Grid(), Invited(), WindowOpened(), Responded(), WindowClosed(), NotNeeded());
    public static Review Closed() => History(Opened(), Grid(), new ReviewClosed(Id, "Withdrawn", Now.AddDays(-1)));
}

public static class DecisionAssertions
{
    public static T Single<T>(this Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Rule);
        return Assert.IsType<T>(Assert.Single(decision.Events));
    }

    public static void ShouldBeRefused(this Decision decision, string containing, RejectionKind kind = RejectionKind.Conflict)
    {
        Assert.False(decision.IsAccepted, "Expected the command to be refused, but it was accepted.");
        Assert.Empty(decision.Events);
        Assert.Equal(kind, decision.Rejection!.Kind);
        Assert.Contains(containing, decision.Rejection.Rule, StringComparison.OrdinalIgnoreCase);
    }
}

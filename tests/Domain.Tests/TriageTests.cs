using System.Runtime.CompilerServices;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Domain.Triage;

namespace GuidanceFlow.Domain.Tests;

/// <summary>Each group triages each new NICE product: relevant or not, by its deadline, and opens reviews from it.</summary>
public class TriageTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Lead = new("priya.shah", "Priya Shah", "Riverside ICB", "TriageLead");
    private const string Group = "Riverside";

    private static GuidanceProduct Product(DateOnly issued, params CatalogueRecommendation[] recommendations) =>
        RecordGuidanceVersion.Decide(null, new(new GuidanceDocument("NG9001", GuidanceType.NG, "Falls in older people", issued, Now,
            recommendations.Length > 0 ? recommendations :
            [
                CatalogueRecommendation.From("1.1.1", "Offer a strength and balance programme. [2026]"),
                CatalogueRecommendation.From("1.1.2", "This recommendation has been withdrawn. [2026]"),
                CatalogueRecommendation.From("1.2.1.3", "Consider a home hazard assessment. [2013, amended 2026]"),
            ]), "test", Lead), Now).Events.Aggregate((GuidanceProduct?)null, GuidanceProduct.Evolve)!;

    private static readonly DateOnly Issued = new(2026, 3, 1);

    private static TriageItem Queued(DateTimeOffset? at = null, int dueDays = 14) =>
        QueueForTriage.Decide(null, new(Group, Product(Issued), dueDays), at ?? Now).Events.Aggregate((TriageItem?)null, TriageItem.Evolve)!;

    private static TriageItem After(TriageItem item, Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Rule);
        return decision.Events.Aggregate((TriageItem?)item, TriageItem.Evolve)!;
    }

    private static RecordTriage Relevant(Guid id) =>
        new(id, TriageOutcome.Relevant, ["Falls clinic", " "], ["Riverside Community Trust"], "Dr Ade Bello", "Jo Marsh", null, null, Lead);

    [Fact]
    public void A_product_is_queued_once_per_group_due_fourteen_days_after_publication_at_nine_uk_time()
    {
        var item = Queued();
        Assert.Equal(TriageItem.IdFor(Group, "ng9001"), item.Id);
        Assert.NotEqual(TriageItem.IdFor("Hillside", "NG9001"), item.Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero), item.DueAt);
        Assert.True(item.IsAwaiting);
        Assert.Empty(QueueForTriage.Decide(item, new(Group, Product(Issued), 14), Now).Events);
    }

    [Fact]
    public void A_groups_own_triage_period_sets_the_deadline_in_uk_summer_time() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.Zero), Queued(dueDays: 30).DueAt);

    [Fact]
    public void Relevant_needs_what_is_affected_and_both_leads()
    {
        var item = Queued();
        var missing = RecordTriage.Decide(item, new(item.Id, TriageOutcome.Relevant, [], [" "], null, " ", null, null, Lead), Now);
        Assert.False(missing.IsAccepted);
        Assert.Equal(
            ["Name at least one service or organisation the guidance affects.", "Name the clinical lead.", "Name the managerial lead."],
            RecordTriage.Problems(new(item.Id, TriageOutcome.Relevant, [], [" "], null, " ", null, null, Lead)).Select(p => p.Message));
        var triaged = After(item, RecordTriage.Decide(item, Relevant(item.Id), Now));
        Assert.Equal(TriageOutcome.Relevant, triaged.Decision!.Outcome);
        Assert.Equal(["Falls clinic"], triaged.Decision.Services);
        Assert.False(triaged.IsAwaiting);
    }

    [Fact]
    public void Not_relevant_needs_a_reason_and_already_covered_names_what_covers_it()
    {
        var item = Queued();
        Assert.Equal("Say why the guidance is not relevant to the group.",
            RecordTriage.Decide(item, new(item.Id, TriageOutcome.NotRelevant, [], [], null, null, "", null, Lead), Now).Rejection!.Rule);
        Assert.Equal("Say which review already covers the guidance.",
            RecordTriage.Decide(item, new(item.Id, TriageOutcome.AlreadyCovered, [], [], null, null, null, null, Lead), Now).Rejection!.Rule);
        var covered = After(item, RecordTriage.Decide(item, new(item.Id, TriageOutcome.AlreadyCovered, [], [], null, null, null, "Our NG249 review", Lead), Now));
        Assert.Equal("Our NG249 review", covered.Decision!.CoveredBy);
    }

    [Fact]
    public void The_same_decision_twice_appends_nothing_and_a_changed_one_is_a_new_event()
    {
        var triaged = After(Queued(), RecordTriage.Decide(Queued(), Relevant(Queued().Id), Now));
        Assert.Empty(RecordTriage.Decide(triaged, Relevant(triaged.Id), Now.AddHours(1)).Events);
        var changed = RecordTriage.Decide(triaged, new(triaged.Id, TriageOutcome.NotRelevant, [], [], null, null, "No falls service here", null, Lead), Now);
        Assert.IsType<GuidanceTriagedNotRelevant>(Assert.Single(changed.Events));
    }

    [Fact]
    public void An_unknown_item_is_not_found()
    {
        var id = Guid.NewGuid();
        Assert.Equal(RejectionKind.NotFound, RecordTriage.Decide(null, Relevant(id), Now).Rejection!.Kind);
    }

    [Fact]
    public void A_reminder_three_days_before_and_an_escalation_at_the_deadline_each_happen_once()
    {
        var item = Queued();
        var pending = TriageDeadlines.Pending(item, TriagePolicy.Default);
        Assert.Equal([TriageDeadlineAction.Remind, TriageDeadlineAction.Escalate], pending.Select(p => p.Action));
        Assert.Equal(item.DueAt.AddDays(-3), pending[0].FireAt);

        Assert.Empty(TriageDeadlines.Act(item, pending[0].Key, TriagePolicy.Default, pending[0].FireAt.AddMinutes(-1)).Events);
        var reminded = After(item, TriageDeadlines.Act(item, pending[0].Key, TriagePolicy.Default, pending[0].FireAt));
        Assert.Empty(TriageDeadlines.Act(reminded, pending[0].Key, TriagePolicy.Default, pending[0].FireAt).Events);

        var escalated = After(reminded, TriageDeadlines.Act(reminded, pending[1].Key, TriagePolicy.Default, item.DueAt.AddHours(5)));
        Assert.Empty(TriageDeadlines.Pending(escalated, TriagePolicy.Default));
        Assert.True(TriageDeadlines.IsOverdue(escalated, item.DueAt));
    }

    [Fact]
    public void Triage_stops_the_clock_and_a_backlog_already_overdue_is_shown_but_nobody_is_chased()
    {
        var item = Queued();
        var triaged = After(item, RecordTriage.Decide(item, Relevant(item.Id), Now));
        Assert.Empty(TriageDeadlines.Pending(triaged, TriagePolicy.Default));
        Assert.Empty(TriageDeadlines.Act(triaged, TriageDeadlines.EscalationKey(item.DueAt), TriagePolicy.Default, item.DueAt.AddDays(1)).Events);

        var late = Queued(at: Issued.ToDateTime(TimeOnly.MinValue).AddDays(40));
        Assert.Empty(TriageDeadlines.Pending(late, TriagePolicy.Default));
        Assert.True(TriageDeadlines.IsOverdue(late, late.QueuedAt));
    }

    [Fact]
    public void A_review_opened_from_a_relevant_item_starts_with_the_catalogue_grid_without_withdrawn_recommendations()
    {
        var item = After(Queued(), RecordTriage.Decide(Queued(), Relevant(Queued().Id), Now));
        var reviewId = Guid.NewGuid();
        var outcome = OpenReviewFromTriage.Decide(item, Product(Issued), new(item.Id, reviewId, Lead), Now, null);

        Assert.True(outcome.Review.IsAccepted, outcome.Review.Rejection?.Rule);
        var review = outcome.Review.Events.Aggregate((Review?)null, Review.Evolve)!;
        Assert.Equal(("NG9001", Group, ReviewStatus.GridReady), (review.GuidanceId, review.Group, review.Status));
        Assert.Equal(["1.1.1", "1.2.1.3"], review.Recommendations.Select(r => r.Number));
        Assert.Equal([RecommendationStrength.StrongFor, RecommendationStrength.Conditional], review.Recommendations.Select(r => r.Strength!.Value));
        Assert.Equal("2013, amended 2026", review.Recommendations[1].YearTag);
        var opened = Assert.IsType<TriagedReviewOpened>(Assert.Single(outcome.TriageEvents));
        Assert.Equal(reviewId, opened.ReviewId);

        var settled = outcome.TriageEvents.Aggregate((TriageItem?)item, TriageItem.Evolve)!;
        Assert.Contains("already been opened", OpenReviewFromTriage.Decide(settled, Product(Issued), new(item.Id, Guid.NewGuid(), Lead), Now, null).Review.Rejection!.Rule);
        Assert.Contains("can no longer change", RecordTriage.Decide(settled, Relevant(item.Id) with { ClinicalLead = "Someone else" }, Now).Rejection!.Rule);
    }

    [Fact]
    public void Only_a_relevant_item_opens_a_review_and_never_a_second_open_review_of_the_same_guidance()
    {
        var awaiting = Queued();
        Assert.Equal("Record NG9001 as relevant to the group before opening its review.",
            OpenReviewFromTriage.Decide(awaiting, Product(Issued), new(awaiting.Id, Guid.NewGuid(), Lead), Now, null).Review.Rejection!.Rule);

        var item = After(awaiting, RecordTriage.Decide(awaiting, Relevant(awaiting.Id), Now));
        var first = Guid.NewGuid();
        var refused = OpenReviewFromTriage.Decide(item, Product(Issued), new(item.Id, Guid.NewGuid(), Lead), Now, first);
        Assert.Equal($"Riverside already has an open review of NG9001: /reviews/{first}. Close it before opening another.", refused.Review.Rejection!.Rule);
        Assert.Empty(refused.TriageEvents);

        var manual = OpenReview.Decide(null, new(Guid.NewGuid(), "ng9001", GuidanceType.NG, "Falls", Issued, Group, Lead), Now, first);
        Assert.Equal(refused.Review.Rejection.Rule, manual.Rejection!.Rule);
    }

    [Fact]
    public void A_withdrawn_product_opens_no_review()
    {
        var item = After(Queued(), RecordTriage.Decide(Queued(), Relevant(Queued().Id), Now));
        var product = Product(Issued);
        var withdrawn = WithdrawGuidance.Decide(product, new(product.Id, Issued.AddDays(3), "NG9002", Lead), Now).Events
            .Aggregate((GuidanceProduct?)product, GuidanceProduct.Evolve);
        Assert.Contains("replaced by NG9002", OpenReviewFromTriage.Decide(item, withdrawn, new(item.Id, Guid.NewGuid(), Lead), Now, null).Review.Rejection!.Rule);
    }

    [Fact]
    public void A_grid_typed_by_hand_takes_its_strength_from_the_same_rule_as_the_catalogue()
    {
        var review = Given.History(Given.Opened());
        var grid = CreateGrid.Decide(review, new(review!.Id, [new("1.1", "Do not offer antibiotics for a cold.", [])], null, Lead));
        var row = Assert.IsType<RecommendationGridCreated>(Assert.Single(grid.Events)).Recommendations.Single();
        Assert.Equal(RecommendationStrength.StrongAgainst, row.Strength);
    }

    [Fact]
    public void The_chair_moves_the_deadline_and_its_reminder_and_escalation_follow_it()
    {
        var item = Queued();
        var due = Now.AddDays(3).AddSeconds(5);
        Assert.Equal("Set the triage deadline to a time in the future.",
            MoveTriageDeadline.Decide(item, new(item.Id, Now.AddMinutes(-1), "meeting", Lead), Now).Rejection!.Rule);
        Assert.Equal("Say why the triage deadline moves.", MoveTriageDeadline.Decide(item, new(item.Id, due, " ", Lead), Now).Rejection!.Rule);
        var moved = After(item, MoveTriageDeadline.Decide(item, new(item.Id, due, "Next group meeting", Lead), Now));

        var pending = TriageDeadlines.Pending(moved, TriagePolicy.Default);
        Assert.Equal([Now.AddSeconds(5), due], pending.Select(p => p.FireAt));
        Assert.Empty(TriageDeadlines.Act(moved, TriageDeadlines.EscalationKey(item.DueAt), TriagePolicy.Default, item.DueAt).Events);

        // Moved to less than the reminder's lead time away: the reminder would already be late, so only the escalation remains.
        var soon = After(moved, MoveTriageDeadline.Decide(moved, new(item.Id, Now.AddHours(2), "Chair's call", Lead), Now));
        Assert.Equal([TriageDeadlineAction.Escalate], TriageDeadlines.Pending(soon, TriagePolicy.Default).Select(p => p.Action));

        var triaged = After(soon, RecordTriage.Decide(soon, Relevant(item.Id), Now));
        Assert.Contains("has been triaged", MoveTriageDeadline.Decide(triaged, new(item.Id, due, "x", Lead), Now).Rejection!.Rule);
    }

    public static TheoryData<string> TriageEventTypes() =>
        new(typeof(ITriageEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(ITriageEvent).IsAssignableFrom(t)).Select(t => t.Name));

    [Theory]
    [MemberData(nameof(TriageEventTypes))]
    public void The_triage_fold_names_every_triage_event(string type)
    {
        var blank = RuntimeHelpers.GetUninitializedObject(typeof(ITriageEvent).Assembly.GetTypes().Single(t => t.Name == type));
        var e = Record.Exception(() => TriageItem.Evolve(Queued(), blank));
        Assert.False(e is InvalidOperationException, e?.Message);
    }
}

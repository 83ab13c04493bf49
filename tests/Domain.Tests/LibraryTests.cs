using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Tests;

/// <summary>The library's rules with no database: who may see and change an entry, and how moderation and publishing move it.</summary>
public class LibraryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor AuthorActor = new("sunil.mehta", "Dr Sunil Mehta", "Oakfield Surgery", "Author", "sunil@example.nhs.uk");
    private static readonly Actor ChairActor = new("amara.okafor", "Dr Amara Okafor", "Riverside Hospitals", "Chair");
    private static readonly LibraryViewer Author = new("sunil.mehta", false, []);
    private static readonly LibraryViewer Editor = new("ellen.wood", true, []);
    private static readonly LibraryViewer Chair = new("amara.okafor", false, ["Riverside"]);
    private static readonly LibraryViewer OtherChair = new("ade.adeyemi", false, ["Eastmoor"]);
    private static readonly LibraryViewer Reader = new("margaret.ellis", false, []);

    private static readonly LibraryContent Content = new("Inhaler checks", "Nurses check inhaler technique.",
        [new("What was done", "Checked at every review.")], ["NG115"], [Sector.Primary], NhsRegion.London, CostBand.Under10k);

    private static LibraryEntry After(LibraryEntry? entry, Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Rule);
        return decision.Events.Aggregate(entry, LibraryEntry.Evolve)!;
    }

    private static LibraryEntry Submitted() => After(null, SubmitGoodPractice.Decide(null, new(Guid.NewGuid(), Content, AuthorActor), Now));

    private static readonly Guid ReviewId = Guid.NewGuid();

    private static ReviewForLibrary Decided(ReviewStatus status = ReviewStatus.Decided) =>
        new(ReviewId, "Riverside", "NG115", status, status >= ReviewStatus.Decided ? DecisionOutcome.Implement : null);

    private static LibraryEntry Drafted() =>
        After(null, DraftCaseStudy.Decide(null, Decided(), false, new(ReviewId, Content, Chair, ChairActor), Now));

    [Fact]
    public void A_submission_is_seen_by_its_author_and_editors_until_an_editor_approves_it_then_by_everyone()
    {
        var entry = Submitted();
        Assert.Equal(LibraryEntryStatus.AwaitingModeration, entry.Status);
        Assert.True(LibraryRules.MayRead(entry, Author));
        Assert.True(LibraryRules.MayRead(entry, Editor));
        Assert.False(LibraryRules.MayRead(entry, Reader));
        Assert.False(LibraryRules.MayRead(entry, Chair));

        var published = After(entry, ModerateLibraryEntry.Decide(entry, new(entry.Id, ModerationOutcome.Approve, null, Editor, ChairActor), Now));
        Assert.Equal(LibraryEntryStatus.Published, published.Status);
        Assert.True(LibraryRules.MayRead(published, Reader));
        Assert.False(LibraryRules.MayReadHistory(published, Reader));
        Assert.Equal(Content, Assert.IsType<LibraryEntryPublished>(
            ModerateLibraryEntry.Decide(entry, new(entry.Id, ModerationOutcome.Approve, null, Editor, ChairActor), Now).Events.Single()).Content);
    }

    [Fact]
    public void Only_editors_moderate_a_reason_is_needed_to_send_back_or_reject_and_changes_return_it_to_the_editors()
    {
        var entry = Submitted();
        Assert.Equal(RejectionKind.Forbidden, ModerateLibraryEntry.Decide(entry, new(entry.Id, ModerationOutcome.Approve, null, Author, AuthorActor), Now).Rejection!.Kind);
        Assert.Equal(RejectionKind.Conflict, ModerateLibraryEntry.Decide(entry, new(entry.Id, ModerationOutcome.Reject, " ", Editor, AuthorActor), Now).Rejection!.Kind);

        var sentBack = After(entry, ModerateLibraryEntry.Decide(entry, new(entry.Id, ModerationOutcome.RequestChanges, "Add numbers.", Editor, AuthorActor), Now));
        Assert.Equal(LibraryEntryStatus.ChangesRequested, sentBack.Status);
        Assert.Equal("Add numbers.", sentBack.Reason);
        // Not waiting for an editor now: moderating again is refused.
        Assert.NotNull(ModerateLibraryEntry.Decide(sentBack, new(entry.Id, ModerationOutcome.Approve, null, Editor, AuthorActor), Now).Rejection);
        // Someone else cannot make the changes; the author can, and it goes back to the editors.
        Assert.Equal(RejectionKind.NotFound,
            ReviseLibraryEntry.Decide(sentBack, new(entry.Id, Content with { Title = "x" }, null, Reader, AuthorActor), Now).Rejection!.Kind);
        Assert.Equal(RejectionKind.Forbidden,
            ReviseLibraryEntry.Decide(sentBack, new(entry.Id, Content with { Title = "x" }, null, Editor, AuthorActor), Now).Rejection!.Kind);
        var changed = After(sentBack, ReviseLibraryEntry.Decide(sentBack, new(entry.Id, Content with { Summary = "With 140 patients." }, "numbers", Author, AuthorActor), Now));
        Assert.Equal(LibraryEntryStatus.AwaitingModeration, changed.Status);
    }

    [Fact]
    public void A_case_study_is_drafted_only_from_a_decided_review_by_its_groups_chair_and_only_once()
    {
        Assert.Equal(RejectionKind.NotFound,
            DraftCaseStudy.Decide(null, Decided(), false, new(ReviewId, Content, OtherChair, ChairActor), Now).Rejection!.Kind);
        Assert.Contains("decided review",
            DraftCaseStudy.Decide(null, Decided(ReviewStatus.FinanciallyAssessed), false, new(ReviewId, Content, Chair, ChairActor), Now).Rejection!.Rule);
        Assert.Contains("never to publish", DraftCaseStudy.Decide(null, Decided(), true, new(ReviewId, Content, Chair, ChairActor), Now).Rejection!.Rule);

        var draft = Drafted();
        Assert.Equal(LibraryEntry.CaseStudyIdFor(ReviewId), draft.Id);
        Assert.Equal(LibraryEntryStatus.Draft, draft.Status);
        Assert.NotNull(DraftCaseStudy.Decide(draft, Decided(), false, new(ReviewId, Content, Chair, ChairActor), Now).Rejection);
        // The draft is the group's: not even an editor sees it before its chair publishes.
        Assert.False(LibraryRules.MayRead(draft, Editor));
        Assert.False(LibraryRules.MayRead(draft, OtherChair));
        Assert.True(LibraryRules.MayRead(draft, Chair));
    }

    [Fact]
    public void A_chair_publishes_the_case_study_adds_updates_to_it_and_editors_cannot_publish_a_groups_draft()
    {
        var draft = Drafted();
        Assert.Equal(RejectionKind.NotFound, PublishCaseStudy.Decide(draft, false, new(draft.Id, Editor, ChairActor), Now).Rejection!.Kind);
        Assert.Contains("never to publish", PublishCaseStudy.Decide(draft, true, new(draft.Id, Chair, ChairActor), Now).Rejection!.Rule);
        Assert.NotNull(AddCaseStudyUpdate.Decide(draft, new(draft.Id, "Hub opened", Chair, ChairActor), Now).Rejection);

        var published = After(draft, PublishCaseStudy.Decide(draft, false, new(draft.Id, Chair, ChairActor), Now));
        Assert.Equal(LibraryEntryStatus.Published, published.Status);
        Assert.Empty(PublishCaseStudy.Decide(published, false, new(draft.Id, Chair, ChairActor), Now).Events); // pressed twice
        Assert.NotNull(ReviseLibraryEntry.Decide(published, new(draft.Id, Content with { Title = "x" }, null, Chair, ChairActor), Now).Rejection);
        Assert.Equal(RejectionKind.Forbidden, AddCaseStudyUpdate.Decide(published, new(draft.Id, "Hub opened", OtherChair, ChairActor), Now).Rejection!.Kind);
        var updated = After(published, AddCaseStudyUpdate.Decide(published, new(draft.Id, " Hub opened ", Chair, ChairActor), Now));
        Assert.Equal("Hub opened", Assert.Single(updated.Updates).Text);
    }

    [Fact]
    public void Withdrawal_needs_the_author_or_an_editor_and_a_reason_and_happens_once()
    {
        var entry = Submitted();
        var published = After(entry, ModerateLibraryEntry.Decide(entry, new(entry.Id, ModerationOutcome.Approve, null, Editor, ChairActor), Now));
        Assert.Equal(RejectionKind.Forbidden, WithdrawLibraryEntry.Decide(published, new(entry.Id, "Mine", Reader, AuthorActor), Now).Rejection!.Kind);
        Assert.NotNull(WithdrawLibraryEntry.Decide(published, new(entry.Id, " ", Author, AuthorActor), Now).Rejection);
        var withdrawn = After(published, WithdrawLibraryEntry.Decide(published, new(entry.Id, "Outdated", Editor, AuthorActor), Now));
        Assert.Equal(LibraryEntryStatus.Withdrawn, withdrawn.Status);
        Assert.False(LibraryRules.MayRead(withdrawn, Reader));
        Assert.True(LibraryRules.MayRead(withdrawn, Author));
        Assert.Empty(WithdrawLibraryEntry.Decide(withdrawn, new(entry.Id, "Again", Author, AuthorActor), Now).Events);
    }

    [Theory]
    [InlineData(null, CostBand.NotKnown)]
    [InlineData(-1, CostBand.Saving)]
    [InlineData(0, CostBand.NoExtraCost)]
    [InlineData(9_999, CostBand.Under10k)]
    [InlineData(10_000, CostBand.From10kTo100k)]
    [InlineData(999_999, CostBand.From100kTo1m)]
    [InlineData(1_000_000, CostBand.Over1m)]
    public void Net_cost_a_year_per_100000_falls_in_its_band(int? cost, CostBand band) => Assert.Equal(band, LibraryRules.BandOf(cost));

    [Fact]
    public void Content_needs_a_title_summary_some_text_and_real_guidance_numbers()
    {
        var problems = LibraryRules.Problems(Content with { Title = " ", Summary = "", Sections = [new("What was done", " ")], Guidance = ["NG115", "nonsense"] })
            .Select(p => p.Field).ToList();
        Assert.Equal(["title", "summary", "sections", "guidance"], problems);
        Assert.Empty(LibraryRules.Problems(Content));
    }
}

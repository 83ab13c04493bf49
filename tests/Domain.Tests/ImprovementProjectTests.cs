using System.Runtime.CompilerServices;
using GuidanceFlow.Domain.Improvement;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Tests;

/// <summary>An improvement project's rules with no database: who starts, reads and changes it, and what each change appends.</summary>
public class ImprovementProjectTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private const string Riverside = "Riverside NICE implementation group";
    private static readonly Guid ProjectId = Guid.Parse("00000000-0000-0000-0000-000000001801");
    private static readonly Guid ReviewId = Guid.Parse("00000000-0000-0000-0000-000000001802");
    private static readonly Guid Falls = Guid.Parse("00000000-0000-0000-0000-000000001803");

    private static readonly Actor Chair = new("alice.chair", "Alice Chair", "Riverside Trust", "Chair");
    private static readonly Actor Finance = new("frank.finance", "Frank Finance", "Riverside ICB", "FinanceLead");
    private static readonly Actor Outsider = new("oscar.out", "Oscar Out", "Elsewhere", "Chair");
    private static ProjectViewer In(Actor a) => new(a.UserId, [Riverside]);
    private static ProjectViewer Out(Actor a) => new(a.UserId, ["Eastmoor NICE implementation group"]);

    private static readonly Aim FallsAim = new("Fewer falls on the frailty wards", "from 8 to 4 per 1,000 bed days", new DateOnly(2027, 12, 31));
    private static readonly DecidedReview Decided = new(ReviewId, Riverside, "NG249", true, ["1.2.3", "1.4.1"], ["Audit falls monthly", "Train ward staff"]);

    private static StartProject Start(Actor by, ProjectViewer? viewer = null, Guid? review = null, string[]? recs = null, string[]? actions = null, Aim? aim = null) =>
        new(ProjectId, Riverside, " Falls on frailty wards ", aim ?? FallsAim, review, recs, actions, [new("frank.finance", "Frank Finance")], viewer ?? In(by), by);

    private static ImprovementProject Fold(params IProjectEvent[] events) => events.Aggregate((ImprovementProject?)null, (p, e) => ImprovementProject.Evolve(p, e))!;

    private static ImprovementProject Started() => Fold((IProjectEvent)StartProject.Decide(null, Start(Chair, review: ReviewId, recs: ["1.2.3"]), Decided, Now).Events.Single());

    private static ImprovementProject After(ImprovementProject project, Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Rule);
        return decision.Events.Aggregate(project, (p, e) => ImprovementProject.Evolve(p, e)!);
    }

    private static readonly MeasureDefinition FallsRate = new("Falls per 1,000 bed days", "Falls reported on Datix for wards 7 and 8, divided by occupied bed days, per calendar month", "falls per 1,000 bed days", Direction.LowerIsBetter, 8m, 4m);

    private static ImprovementProject WithMeasure() => After(Started(), DefineMeasure.Decide(Started(), new(ProjectId, Falls, FallsRate, In(Chair), Chair), Now));

    private static Measurement[] Monthly(params decimal[] values) =>
        values.Select((v, i) => new Measurement(new DateOnly(2025, 1, 1).AddMonths(i), v)).ToArray();

    [Fact]
    public void Anyone_with_a_role_in_the_group_starts_a_project_from_its_decision_and_is_on_its_team()
    {
        var decision = StartProject.Decide(null, Start(Chair, review: ReviewId, recs: ["1.2.3", "1.2.3"], actions: ["Train ward staff"]), Decided, Now);

        var started = Assert.IsType<ProjectStarted>(Assert.Single(decision.Events));
        Assert.Equal(("Falls on frailty wards", "NG249", Chair.UserId), (started.Title, started.GuidanceNumber, started.StartedBy));
        Assert.Equal(["1.2.3"], started.Recommendations);
        Assert.Equal(["Train ward staff"], started.Actions);
        Assert.Equal([Chair.UserId, Finance.UserId], started.Team.Select(m => m.UserId));

        // The same form sent twice starts nothing more.
        Assert.Empty(StartProject.Decide(Fold(started), Start(Chair, review: ReviewId, recs: ["1.2.3"]), Decided, Now).Events);
    }

    [Theory]
    [InlineData("outsider", RejectionKind.Forbidden, "Only people with a role in")]
    [InlineData("undecided", RejectionKind.Conflict, "has not been decided")]
    [InlineData("other group", RejectionKind.Conflict, "start the project in its group")]
    [InlineData("unknown recommendation", RejectionKind.Conflict, "no recommendation 9.9.9")]
    [InlineData("unknown action", RejectionKind.Conflict, "agreed no action")]
    [InlineData("links without a review", RejectionKind.Conflict, "name its review")]
    [InlineData("missing review", RejectionKind.NotFound, "No guidance review")]
    [InlineData("aim passed", RejectionKind.Conflict, "has passed")]
    [InlineData("no measurable change", RejectionKind.Conflict, "by how much")]
    public void A_start_that_breaks_a_rule_appends_nothing_and_says_why(string @case, RejectionKind kind, string says)
    {
        var decision = @case switch
        {
            "outsider" => StartProject.Decide(null, Start(Outsider, Out(Outsider)), null, Now),
            "undecided" => StartProject.Decide(null, Start(Chair, review: ReviewId), Decided with { IsDecided = false }, Now),
            "other group" => StartProject.Decide(null, Start(Chair, review: ReviewId), Decided with { Group = "Eastmoor NICE implementation group" }, Now),
            "unknown recommendation" => StartProject.Decide(null, Start(Chair, review: ReviewId, recs: ["9.9.9"]), Decided, Now),
            "unknown action" => StartProject.Decide(null, Start(Chair, review: ReviewId, actions: ["Buy a bus"]), Decided, Now),
            "links without a review" => StartProject.Decide(null, Start(Chair, recs: ["1.2.3"]), null, Now),
            "missing review" => StartProject.Decide(null, Start(Chair, review: ReviewId), null, Now),
            "aim passed" => StartProject.Decide(null, Start(Chair, aim: FallsAim with { ByWhen = new DateOnly(2026, 12, 2) }), null, Now),
            _ => StartProject.Decide(null, Start(Chair, aim: FallsAim with { HowMuch = " " }), null, Now),
        };
        Assert.Empty(decision.Events);
        Assert.Equal(kind, decision.Rejection!.Kind);
        Assert.Contains(says, decision.Rejection.Rule);
    }

    [Fact]
    public void The_group_reads_a_project_its_team_changes_it_and_nobody_else_learns_it_exists()
    {
        var project = Started();
        var reader = new ProjectViewer("colin.commissioner", [Riverside]);
        Assert.True(ProjectRules.MayRead(project, reader));
        Assert.False(ProjectRules.MayEdit(project, reader));
        Assert.False(ProjectRules.MayRead(project, Out(Outsider)));

        var revise = new ReviseAim(ProjectId, "Falls", FallsAim with { HowMuch = "by half" }, reader, new("colin.commissioner", "Colin", "ICB", "Commissioner"));
        Assert.Equal(RejectionKind.Forbidden, ReviseAim.Decide(project, revise, Now).Rejection!.Kind);
        Assert.Equal(RejectionKind.NotFound, ReviseAim.Decide(project, revise with { By = Out(Outsider) }, Now).Rejection!.Kind);
        var revised = After(project, ReviseAim.Decide(project, revise with { By = In(Finance), Actor = Finance }, Now));
        Assert.Equal("by half", revised.Aim.HowMuch);
        // The aim's date may stay as it was once it has passed, but a new one must be from today.
        var later = Now.AddYears(2);
        Assert.True(ReviseAim.Decide(revised, revise with { By = In(Finance), Title = "Falls again" }, later).IsAccepted);
        Assert.Contains("has passed", ReviseAim.Decide(revised, revise with { By = In(Finance), Aim = FallsAim with { ByWhen = new DateOnly(2028, 1, 1) } }, later).Rejection!.Rule);
    }

    [Fact]
    public void The_team_is_drawn_from_the_group_and_keeps_at_least_one_member()
    {
        var project = Started();
        var hana = new ProjectMember("hana.nurse", "Hana Nurse");
        Assert.Contains("no role in", AddProjectMember.Decide(project, new(ProjectId, hana, false, In(Chair), Chair), Now).Rejection!.Rule);
        project = After(project, AddProjectMember.Decide(project, new(ProjectId, hana, true, In(Chair), Chair), Now));
        Assert.Equal(3, project.Team.Count);
        Assert.Empty(AddProjectMember.Decide(project, new(ProjectId, hana, true, In(Chair), Chair), Now).Events);

        project = After(project, RemoveProjectMember.Decide(project, new(ProjectId, "hana.nurse", In(Chair), Chair), Now));
        project = After(project, RemoveProjectMember.Decide(project, new(ProjectId, Finance.UserId, In(Chair), Chair), Now));
        Assert.Contains("at least one", RemoveProjectMember.Decide(project, new(ProjectId, Chair.UserId, In(Chair), Chair), Now).Rejection!.Rule);
    }

    [Fact]
    public void Measures_have_a_definition_a_unique_name_and_can_be_revised()
    {
        var project = WithMeasure();
        var measure = Assert.Single(project.Measures);
        Assert.Equal(FallsRate, measure.Definition);

        var twin = DefineMeasure.Decide(project, new(ProjectId, Guid.NewGuid(), FallsRate with { Name = " falls per 1,000 BED days" }, In(Chair), Chair), Now);
        Assert.Contains("already has a measure called", twin.Rejection!.Rule);
        Assert.Contains("operational definition",
            DefineMeasure.Decide(project, new(ProjectId, Guid.NewGuid(), FallsRate with { Name = "Other", OperationalDefinition = "" }, In(Chair), Chair), Now).Rejection!.Rule);

        var revised = DefineMeasure.Decide(project, new(ProjectId, Falls, FallsRate with { Target = 5m }, In(Chair), Chair), Now);
        Assert.IsType<MeasureRevised>(Assert.Single(revised.Events));
        Assert.Equal(5m, After(project, revised).Measures[0].Definition.Target);
        Assert.Empty(DefineMeasure.Decide(project, new(ProjectId, Falls, FallsRate, In(Chair), Chair), Now).Events);
    }

    [Fact]
    public void A_batch_with_bad_rows_records_nothing_and_names_each_row()
    {
        var project = WithMeasure();
        Measurement?[] rows =
        [
            new(new DateOnly(2025, 1, 1), 8.1m),
            new(new DateOnly(2025, 1, 1), 7.9m),
            new(new DateOnly(2025, 3, 1), 2_000_000_000_000m),
            null,
            new(new DateOnly(1999, 5, 1), 6m),
        ];
        var problems = ProjectRules.RowProblems(rows);
        Assert.Equal([(2, "period"), (3, "value"), (4, "row"), (5, "period")], problems.Select(p => (p.Row, p.Field)));

        var decision = RecordMeasurements.Decide(project, new(ProjectId, Falls, rows, MeasurementSource.Upload, In(Chair), Chair), Now);
        Assert.Empty(decision.Events);
        Assert.Contains("Row 2: 1 Jan 2025 is also in row 1", decision.Rejection!.Rule);
        Assert.Contains("Row 4 is empty", decision.Rejection.Rule);
        Assert.EndsWith("Nothing was recorded.", decision.Rejection.Rule);
        Assert.Contains("at least one", RecordMeasurements.Decide(project, new(ProjectId, Falls, [], MeasurementSource.Api, In(Chair), Chair), Now).Rejection!.Rule);
        Assert.Equal(RejectionKind.NotFound,
            RecordMeasurements.Decide(project, new(ProjectId, Guid.NewGuid(), Monthly(8), MeasurementSource.Api, In(Chair), Chair), Now).Rejection!.Kind);
    }

    [Fact]
    public void Measurements_are_kept_by_period_a_correction_replaces_a_value_and_the_chart_is_drawn_from_them()
    {
        var project = WithMeasure();
        // Recorded out of order, the points are kept by period.
        project = After(project, RecordMeasurements.Decide(project, new(ProjectId, Falls, [.. Monthly(10, 11, 10, 11, 12).Reverse()], MeasurementSource.Page, In(Chair), Chair), Now));
        project = After(project, RecordMeasurements.Decide(project, new(ProjectId, Falls, Monthly(10, 11, 10, 11, 12, 11, 10, 11, 10, 12), MeasurementSource.Api, In(Chair), Chair), Now));
        var recorded = Assert.IsType<MeasurementsRecorded>(Assert.Single(RecordMeasurements.Decide(project,
            new(ProjectId, Falls, [new Measurement(new DateOnly(2025, 10, 1), 11m, " checked against Datix ")], MeasurementSource.Page, In(Chair), Chair), Now).Events));
        Assert.Equal([new Measurement(new DateOnly(2025, 10, 1), 11m, "checked against Datix")], recorded.Points);
        project = After(project, Decision.Accept(recorded));
        // Sending what is already there adds nothing.
        Assert.Empty(RecordMeasurements.Decide(project, new(ProjectId, Falls, Monthly(10, 11), MeasurementSource.Api, In(Chair), Chair), Now).Events);

        var measure = project.Measures[0];
        Assert.Equal(Monthly(10, 11, 10, 11, 12, 11, 10, 11, 10).Select(m => m.Value).Append(11m), measure.Points.Select(p => p.Value));
        // The hand-worked chart of ProcessControlTests (mean 10.7, limits 13.36 and 8.04); lower is better, target 4:
        // below the lower limit, so the process as it runs will never meet it.
        var chart = measure.Chart();
        Assert.Equal((10.7m, 13.36m, 8.04m), (chart.Segments[0].Mean, chart.Segments[0].UpperLimit, chart.Segments[0].LowerLimit));
        Assert.Equal(Variation.CommonCause, chart.Variation);
        Assert.Equal(Assurance.NeverMeets, chart.Assurance);

        var removed = RemoveMeasurement.Decide(project, new(ProjectId, Falls, new DateOnly(2025, 10, 1), "Entered twice", In(Chair), Chair), Now);
        Assert.Equal(9, After(project, removed).Measures[0].Points.Count);
        Assert.Contains("why", RemoveMeasurement.Decide(project, new(ProjectId, Falls, new DateOnly(2025, 10, 1), "", In(Chair), Chair), Now).Rejection!.Rule);
    }

    [Fact]
    public void Limits_are_recalculated_only_from_a_period_with_data_and_two_points_each_side()
    {
        var project = WithMeasure();
        project = After(project, RecordMeasurements.Decide(project, new(ProjectId, Falls, Monthly(10, 11, 10, 11, 10, 11, 6, 5, 6, 5, 6), MeasurementSource.Api, In(Chair), Chair), Now));
        RecalculateLimits Recalculate(DateOnly from, string? reason = "New falls bundle on both wards", bool withdraw = false) =>
            new(ProjectId, Falls, from, reason, withdraw, In(Chair), Chair);

        Assert.Contains("No point for 15 Jul 2025", RecalculateLimits.Decide(project, Recalculate(new DateOnly(2025, 7, 15)), Now).Rejection!.Rule);
        Assert.Contains("at least two points", RecalculateLimits.Decide(project, Recalculate(new DateOnly(2025, 11, 1)), Now).Rejection!.Rule);
        Assert.Contains("what changed", RecalculateLimits.Decide(project, Recalculate(new DateOnly(2025, 7, 1), reason: " "), Now).Rejection!.Rule);

        project = After(project, RecalculateLimits.Decide(project, Recalculate(new DateOnly(2025, 7, 1)), Now));
        var chart = project.Measures[0].Chart();
        // From July: 6 5 6 5 6, sum 28, mean 5.6; moving ranges four 1s; limits 8.26 and 2.94. The target 4 lies between:
        // the new process meets it by chance.
        Assert.Equal((5.6m, 8.26m, 2.94m), (chart.Segments[1].Mean, chart.Segments[1].UpperLimit, chart.Segments[1].LowerLimit));
        Assert.Equal(Assurance.HitAndMiss, chart.Assurance);
        Assert.Empty(RecalculateLimits.Decide(project, Recalculate(new DateOnly(2025, 7, 1)), Now).Events);

        project = After(project, RecalculateLimits.Decide(project, Recalculate(new DateOnly(2025, 7, 1), withdraw: true), Now));
        Assert.Single(project.Measures[0].Chart().Segments);
    }

    [Fact]
    public void Pdsa_cycles_are_numbered_and_written_up_as_they_go()
    {
        var project = Started();
        var first = Guid.NewGuid();
        var plan = new PdsaNotes("Falls huddle at handover", "Two-minute huddle on ward 7 for a fortnight; predict fewer night falls", null, null, null, new DateOnly(2026, 12, 7), null);
        project = After(project, RecordPdsaCycle.Decide(project, new(ProjectId, first, plan, In(Chair), Chair), Now));
        project = After(project, RecordPdsaCycle.Decide(project, new(ProjectId, Guid.NewGuid(), plan with { Title = "Bed rails audit" }, In(Finance), Finance), Now));
        Assert.Equal([1, 2], project.Cycles.Select(c => c.Number));

        var studied = plan with { Do = "Ran 12 of 14 days", Study = "Night falls 3 against 6 predicted baseline", Act = "Adopt; spread to ward 8", EndedOn = new DateOnly(2026, 12, 21) };
        project = After(project, RecordPdsaCycle.Decide(project, new(ProjectId, first, studied, In(Chair), Chair), Now));
        Assert.Equal("Adopt; spread to ward 8", project.Cycles[0].Notes.Act);
        Assert.Contains("cannot end before",
            RecordPdsaCycle.Decide(project, new(ProjectId, first, studied with { EndedOn = new DateOnly(2026, 12, 1) }, In(Chair), Chair), Now).Rejection!.Rule);
    }

    [Fact]
    public void A_completed_project_keeps_its_summary_and_is_no_longer_changed()
    {
        var project = Started();
        Assert.Contains("summary", CompleteProject.Decide(project, new(ProjectId, " ", In(Chair), Chair), Now).Rejection!.Rule);
        project = After(project, CompleteProject.Decide(project, new(ProjectId, "Falls halved on ward 7 after the huddle.", In(Chair), Chair), Now));
        Assert.Equal((ProjectStatus.Completed, "Falls halved on ward 7 after the huddle."), (project.Status, project.Summary));
        Assert.Empty(CompleteProject.Decide(project, new(ProjectId, "Falls halved on ward 7 after the huddle.", In(Chair), Chair), Now).Events);
        var change = RecordPdsaCycle.Decide(project, new(ProjectId, Guid.NewGuid(), new("More", "More", null, null, null, null, null), In(Chair), Chair), Now);
        Assert.Equal(RejectionKind.Conflict, change.Rejection!.Kind);
        Assert.Contains("completed", change.Rejection.Rule);
    }

    public static TheoryData<string> ProjectEventTypes() =>
        new(typeof(IProjectEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IProjectEvent).IsAssignableFrom(t)).Select(t => t.Name).Order());

    [Theory]
    [MemberData(nameof(ProjectEventTypes))]
    public void The_project_fold_names_the_event(string type)
    {
        var blank = RuntimeHelpers.GetUninitializedObject(typeof(IProjectEvent).Assembly.GetTypes().Single(t => t.Name == type));
        Assert.IsNotType<InvalidOperationException>(Record.Exception(() => ImprovementProject.Evolve(Started(), blank)));
    }

    private static ShareProjectWithLibrary Share(Actor by, ProjectViewer? viewer = null) =>
        new(ProjectId, Library.NhsRegion.NorthWest, Library.CostBand.NoExtraCost, [Sector.Secondary, Sector.Community, Sector.Secondary], viewer ?? In(by), by);

    private static ImprovementProject Completed()
    {
        var measured = After(WithMeasure(), RecordMeasurements.Decide(WithMeasure(),
            new(ProjectId, Falls, [new(new DateOnly(2025, 1, 1), 8, "Ward 7 short-staffed"), new(new DateOnly(2025, 2, 1), 6), new(new DateOnly(2025, 3, 1), 7)],
                MeasurementSource.Api, In(Chair), Chair), Now));
        var cycled = After(measured, RecordPdsaCycle.Decide(measured, new(ProjectId, Guid.NewGuid(),
            new PdsaNotes("Handover huddle", "Two minutes at each handover", Study: "Falls fell on both wards"), In(Chair), Chair), Now));
        return After(cycled, CompleteProject.Decide(cycled, new(ProjectId, "Falls fell from 8 to 6 a month and held.", In(Chair), Chair), Now));
    }

    [Fact]
    public void A_completed_project_is_shared_with_the_library_once_as_an_entry_waiting_for_an_editor_with_its_charts_and_not_its_notes()
    {
        var completed = Completed();
        var decision = ShareProjectWithLibrary.Decide(completed, false, Share(Finance), Now);

        Assert.True(decision.IsAccepted, decision.Rejection?.Rule);
        var entryId = Library.LibraryEntry.ProjectEntryIdFor(ProjectId);
        var shared = Assert.IsType<ProjectSharedWithLibrary>(decision.Events[0]);
        Assert.Equal(entryId, shared.EntryId);
        var submitted = Assert.IsType<Library.ProjectSubmittedToLibrary>(decision.Events[1]);
        Assert.Equal((entryId, ProjectId, Finance.UserId), (submitted.EntryId, submitted.ProjectId, submitted.AuthorUserId));
        var content = submitted.Content;
        Assert.Equal(("Falls on frailty wards", "Falls fell from 8 to 6 a month and held."), (content.Title, content.Summary));
        Assert.Equal(["What happened", "The aim", "Measures and what they showed", "Plan-do-study-act cycles"], content.Sections.Select(x => x.Heading));
        Assert.Contains("3 points from 1 Jan 2025 to 1 Mar 2025. Latest mean 7", content.Sections[2].Text);
        Assert.Contains("Cycle 1: Handover huddle\nPlan: Two minutes at each handover\nStudy: Falls fell on both wards", content.Sections[3].Text);
        Assert.Equal(["NG249"], content.Guidance);
        Assert.Equal([Sector.Secondary, Sector.Community], content.Sectors.Order());
        Assert.Equal((Library.NhsRegion.NorthWest, Library.CostBand.NoExtraCost, Riverside), (content.Region, content.CostBand, content.Organisation));
        Assert.Empty(Library.LibraryRules.Problems(content));

        var chart = Assert.Single(submitted.Charts);
        Assert.Equal(("Falls per 1,000 bed days", 4m), (chart.Measure, chart.Target));
        Assert.Equal([8m, 6m, 7m], chart.Points.Select(p => p.Value));
        Assert.All(chart.Points, p => Assert.Null(p.Note)); // the team's notes stay with the project
        Assert.Equal(7m, chart.Chart().Points[^1].Mean);

        var entry = decision.Events.OfType<Library.ILibraryEvent>().Aggregate((Library.LibraryEntry?)null, (e, x) => Library.LibraryEntry.Evolve(e, x))!;
        Assert.Equal((Library.LibraryEntryKind.GoodPractice, Library.LibraryEntryStatus.AwaitingModeration, (Guid?)ProjectId),
            (entry.Kind, entry.Status, entry.ProjectId));
        Assert.Single(entry.Charts);

        // Shared: pressed again, nothing more; the project says where it went and is no longer offered for sharing.
        var after = ImprovementProject.Evolve(completed, shared)!;
        Assert.Equal(entryId, after.LibraryEntryId);
        Assert.False(ProjectRules.MayShare(after, In(Chair)));
        Assert.Empty(ShareProjectWithLibrary.Decide(after, false, Share(Chair), Now).Events);
    }

    [Fact]
    public void Only_the_team_shares_only_a_completed_project_and_not_from_a_group_that_never_publishes()
    {
        var completed = Completed();
        Assert.Equal(RejectionKind.NotFound, ShareProjectWithLibrary.Decide(null, false, Share(Chair), Now).Rejection!.Kind);
        Assert.Equal(RejectionKind.NotFound, ShareProjectWithLibrary.Decide(completed, false, Share(Outsider, Out(Outsider)), Now).Rejection!.Kind);
        var commissioner = new Actor("rita.commissioner", "Rita", "ICB", "Commissioner");
        Assert.Equal(RejectionKind.Forbidden, ShareProjectWithLibrary.Decide(completed, false, Share(commissioner), Now).Rejection!.Kind);
        Assert.Contains("once it is completed", ShareProjectWithLibrary.Decide(WithMeasure(), false, Share(Chair), Now).Rejection!.Rule);
        Assert.False(ProjectRules.MayShare(WithMeasure(), In(Chair)));
        Assert.Equal(RejectionKind.Conflict, ShareProjectWithLibrary.Decide(completed, true, Share(Chair), Now).Rejection!.Kind);
        Assert.True(ProjectRules.MayShare(completed, In(Finance)));
    }
}

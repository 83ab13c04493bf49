using System.Text.Json;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Views;
using JasperFx.Events;

namespace GuidanceFlow.Api.Tests;

/// <summary>
/// A register row is read on every register page: it keeps what it is worked out from compact, so its
/// size follows the review's grid and stakeholders, never the number of answers or amendments.
/// </summary>
public sealed class RegisterRowTests
{
    private static readonly Guid ReviewId = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly RegisterProjection _projection = new();

    private RegisterEntry? Fold(RegisterEntry? row, params IReviewEvent[] events) =>
        events.Aggregate(row, (r, e) => _projection.Evolve(r, ReviewId, new Event<IReviewEvent>(e) { StreamId = ReviewId, Timestamp = At }));

    private static GuidanceReviewOpened Opened() =>
        new(ReviewId, "NG12", GuidanceType.NG, "Suspected cancer", new DateOnly(2025, 1, 1), "Riverside", "amara", "Dr Amara", At);

    private static StakeholdersInvited Invited(params string[] ids) =>
        new(ReviewId, ids.Select(id => new Stakeholder(id, id, $"{id}@example.nhs.uk", "Trust", Sector.Secondary, Discipline.Consultant)).ToList());

    private static StakeholderResponseSubmitted Answer(string stakeholder, params (string Number, Compliance Compliance)[] answers) =>
        new(ReviewId, stakeholder, 1, answers.Select(a => new RecommendationResponse(a.Number, a.Compliance)).ToList(), At);

    [Fact]
    public void An_amended_answer_replaces_the_earlier_one_in_the_rag_rating()
    {
        var row = Fold(null, Opened(), Invited("tom", "priya"),
            Answer("tom", ("1.1.1", Compliance.Met), ("1.1.2", Compliance.NotMet)),
            Answer("priya", ("1.1.2", Compliance.PartiallyMet)))!;
        Assert.Equal(Rag.Red, row.Rag);
        Assert.Equal(2, row.RespondedCount);

        row = Fold(row, Answer("tom", ("1.1.2", Compliance.Met)))!;
        Assert.Equal(Rag.Amber, row.Rag);
        row = Fold(row, Answer("priya", ("1.1.2", Compliance.NotApplicable)))!;
        Assert.Equal(Rag.Green, row.Rag);
        Assert.Equal(2, row.RespondedCount);
    }

    [Fact]
    public void A_row_stored_before_the_compact_form_is_folded_into_it_at_its_next_event()
    {
        var row = Fold(null, Opened(), Invited("tom", "priya"))!;
        row.Answers = new() { ["tom|1.1.1"] = Compliance.NotMet, ["priya|1.1.1"] = Compliance.Met };

        row = Fold(row, Answer("priya", ("1.2.1", Compliance.Met)))!;

        Assert.Null(row.Answers);
        Assert.Equal(Rag.Red, row.Rag); // tom's older NotMet still counts
        Assert.Equal(2, row.RespondedCount);
        row = Fold(row, Answer("tom", ("1.1.1", Compliance.Met)))!;
        Assert.Equal(Rag.Green, row.Rag);
    }

    [Fact]
    public void A_fully_answered_review_of_200_recommendations_and_20_stakeholders_keeps_a_small_row()
    {
        var stakeholders = Enumerable.Range(1, 20).Select(i => $"stakeholder.{i}").ToArray();
        var numbers = Enumerable.Range(1, 200).Select(n => $"1.{n / 10 + 1}.{n % 10 + 1}").ToArray();
        var row = Fold(null, Opened(), Invited(stakeholders))!;
        // Everyone answers everything, then amends it all: the row must not grow with the amendments.
        for (var round = 0; round < 2; round++)
            foreach (var s in stakeholders)
                row = Fold(row, Answer(s, numbers.Select((n, i) => (n, (Compliance)((i + round) % 4))).ToArray()))!;

        var size = JsonSerializer.SerializeToUtf8Bytes(row).Length;
        Assert.True(size < 12_000, $"The register row takes {size} bytes.");
        Assert.Equal(20, row.RespondedCount);
        Assert.Equal(Rag.Red, row.Rag);
    }
}

/// <summary>Exports opened in a spreadsheet program never run what people typed.</summary>
public class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("Dr Amara Okafor", "Dr Amara Okafor")]
    [InlineData("", "")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string typed, string written) =>
        Assert.Equal(written, GuidanceFlow.Api.Queries.SpreadsheetText.Safe(typed));

    [Fact]
    public void The_history_csv_writes_a_formula_like_actor_as_text()
    {
        var e = new JasperFx.Events.Event<GuidanceFlow.Domain.Reviews.ReviewClosed>(new(Guid.NewGuid(), "Done", DateTimeOffset.UtcNow))
            { Sequence = 1, Version = 1, Timestamp = DateTimeOffset.UtcNow };
        e.SetHeader(GuidanceFlow.Projections.ActorHeaders.Name, "=cmd|' /C calc'!A0");
        e.SetHeader(GuidanceFlow.Projections.ActorHeaders.Id, "amara.okafor");
        var csv = GuidanceFlow.Api.Queries.ReviewHistory.Csv([e], new System.Text.Json.JsonSerializerOptions());
        Assert.Contains("'=cmd|' /C calc'!A0", csv);
        Assert.DoesNotContain(",=cmd", csv);
    }
}

public class TableWorkbookTests
{
    [Fact]
    public void An_export_is_one_column_a_field_numbers_as_numbers_and_typed_text_never_a_formula()
    {
        var csv = GuidanceFlow.Api.Spreadsheets.TableWorkbook.Csv(["Guidance", "Count", "Note"],
            [["NG1", 3, "=HYPERLINK(\"x\")"], ["NG2, revised", 12.5m, "plain"]]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Guidance,Count,Note", "NG1,3,\"'=HYPERLINK(\"\"x\"\")\"", "\"NG2, revised\",12.5,plain"], lines);
    }
}

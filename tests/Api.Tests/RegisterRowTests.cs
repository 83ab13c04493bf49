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

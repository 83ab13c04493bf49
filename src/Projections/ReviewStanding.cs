using System.Text.Json.Serialization;
using GuidanceFlow.Domain.Reviews;
using JasperFx.Events;

namespace GuidanceFlow.Projections;

/// <summary>
/// Where a review stands — status, deadlines, what is overdue — as every read model of a review
/// stores it: flat, so it can be queried and sorted, and only ever set from the domain's
/// <see cref="ReviewProgress"/> by <see cref="Fold"/>. No projection assigns a status of its own.
/// </summary>
public abstract class ReviewStanding
{
    public ReviewStatus Status { get; set; }
    public DateTimeOffset? ResponseDeadline { get; set; }
    public DateTimeOffset? WindowScheduledAt { get; set; }
    public DateTimeOffset? FinancialImpactDue { get; set; }
    public DateTimeOffset? DecisionMeetingAt { get; set; }
    public DateTimeOffset? ReviewDueAt { get; set; }
    public List<DeadlineKind> Overdue { get; set; } = [];
    /// <summary>0 for the baseline; then the re-assessment round open or last closed.</summary>
    public int Round { get; set; }
    /// <summary>The next date something is due, for the register and the pages.</summary>
    public DateTimeOffset? NextDeadline { get; set; }

    [JsonIgnore]
    public ReviewProgress Progress
    {
        get => new(Status, ResponseDeadline, WindowScheduledAt, FinancialImpactDue, DecisionMeetingAt, ReviewDueAt) { Overdue = [.. Overdue], Round = Round };
        set
        {
            (Status, ResponseDeadline, WindowScheduledAt, FinancialImpactDue, DecisionMeetingAt, ReviewDueAt) =
                (value.Status, value.ResponseDeadline, value.WindowScheduledAt, value.FinancialImpactDue, value.DecisionDue, value.ReviewDueAt);
            Overdue = [.. value.Overdue];
            Round = value.Round;
            NextDeadline = value.NextDeadline;
        }
    }

    /// <summary>
    /// One event of the review's stream into a read model: its standing first, then what the model
    /// itself keeps (<paramref name="apply"/>). Events that are not the review's leave it as it is.
    /// </summary>
    public static T? Fold<T>(T? model, IEvent e, Func<GuidanceReviewOpened, T> create, Action<T, IReviewEvent> apply)
        where T : ReviewStanding
    {
        if (e.Data is not IReviewEvent data) return model;
        if (data is GuidanceReviewOpened opened) model = create(opened);
        if (model is null) return null;
        model.Progress = ReviewProgress.Apply(model.Progress, data);
        apply(model, data);
        return model;
    }
}

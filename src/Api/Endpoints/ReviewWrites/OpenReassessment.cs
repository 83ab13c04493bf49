using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

/// <param name="NextReviewDate">The review date after this round; a year after its deadline when left out.</param>
public sealed record OpenReassessmentRequest(DateTimeOffset Deadline, DateOnly? NextReviewDate = null, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapOpenReassessment(RouteGroupBuilder reviews) =>
        Write<OpenReassessmentRequest>(reviews, "/{id:guid}/reassessment", Need.Chair,
            "Open a re-assessment round at the review date: everyone invited answers compliance again by the deadline",
            (id, b, user, v) => new OpenReassessment(id, b.Deadline, b.NextReviewDate, v ?? b.Version, user.ToActor(Roles.Chair)));
}

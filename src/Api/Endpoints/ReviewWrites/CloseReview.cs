using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record CloseReviewRequest(string Reason, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapCloseReview(RouteGroupBuilder reviews)
    {
        Write<CloseReviewRequest>(reviews, "/{id:guid}/close", Need.Chair, "Close the review",
            (id, b, user, v) => new CloseReview(id, b.Reason, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}

using System.Security.Claims;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using GuidanceFlow.Workflows.Groups;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

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

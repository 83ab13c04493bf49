using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public static partial class ReviewWriteRoutes
{
    private static void MapCloseResponseWindow(RouteGroupBuilder reviews) =>
        Act(reviews, "/{id:guid}/response-window/close", Need.Chair, "Close the response window now and distribute the collated response",
            (id, user, version) => new CloseResponseWindow(id, WindowClosure.ByChair, version, user.ToActor(Roles.Chair)));
}

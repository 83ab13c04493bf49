using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record OpenResponseWindowRequest(DateTimeOffset Deadline, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapOpenResponseWindow(RouteGroupBuilder reviews)
    {
        Write<OpenResponseWindowRequest>(reviews, "/{id:guid}/response-window", Need.Chair, "Open the response window with its deadline",
            (id, b, user, v) => new OpenResponseWindow(id, b.Deadline, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}

using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public static partial class ReviewWriteRoutes
{
    private static void MapRemindNonResponders(RouteGroupBuilder reviews) =>
        Act(reviews, "/{id:guid}/reminders", Need.Chair, "Remind everyone who has not responded, now: one email each, at most once a day",
            (id, user, version) => new RemindNonResponders(id, version, user.ToActor(Roles.Chair)));
}

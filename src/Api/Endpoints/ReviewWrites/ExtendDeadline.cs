using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record ExtendDeadlineRequest(DeadlineKind Deadline, DateTimeOffset NewDue, string Reason, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapExtendDeadline(RouteGroupBuilder reviews)
    {
        Write<ExtendDeadlineRequest>(reviews, "/{id:guid}/deadlines/extend", Need.Chair,
            "Move a deadline later, with a reason; its reminders and escalations move with it",
            (id, b, user, v) => new ExtendDeadline(id, b.Deadline, b.NewDue, b.Reason, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}

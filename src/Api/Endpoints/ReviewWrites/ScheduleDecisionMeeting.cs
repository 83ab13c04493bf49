using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Endpoints;

public sealed record DecisionMeetingRequest(DateTimeOffset MeetingAt, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapScheduleDecisionMeeting(RouteGroupBuilder reviews)
    {
        Write<DecisionMeetingRequest>(reviews, "/{id:guid}/decision-meeting", Need.Chair,
            "Set the group meeting at which the decision is due",
            (id, b, user, v) => new ScheduleDecisionMeeting(id, b.MeetingAt, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}

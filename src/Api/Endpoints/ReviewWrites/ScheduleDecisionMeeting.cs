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

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

public sealed record OpenResponseWindowRequest(DateTimeOffset Deadline, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapOpenResponseWindow(RouteGroupBuilder reviews)
    {
        Write<OpenResponseWindowRequest>(reviews, "/{id:guid}/response-window", Need.Chair, "Open the response window with its deadline",
            (id, b, user, v) => new OpenResponseWindow(id, b.Deadline, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}

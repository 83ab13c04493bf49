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

public sealed record InviteStakeholdersRequest(IReadOnlyList<Stakeholder> Stakeholders, long? Version = null);

public static partial class ReviewWriteRoutes
{
    private static void MapInviteStakeholders(RouteGroupBuilder reviews)
    {
        Write<InviteStakeholdersRequest>(reviews, "/{id:guid}/stakeholders", Need.Chair, "Invite stakeholders to respond",
            (id, b, user, v) => new InviteStakeholders(id, b.Stakeholders, v ?? b.Version, user.ToActor(Roles.Chair)));
    }
}

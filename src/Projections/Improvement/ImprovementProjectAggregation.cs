using GuidanceFlow.Domain.Improvement;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Improvement;

/// <summary>Binds the project's pure fold to Marten, inline: each project's state is stored with every append, and read by its page.</summary>
public sealed class ImprovementProjectAggregation : SingleStreamProjection<ImprovementProject, Guid>
{
    public ImprovementProjectAggregation()
    {
        IncludeType<ProjectStarted>();
        IncludeType<ProjectSharedWithLibrary>();
        IncludeType<ProjectAimRevised>();
        IncludeType<ProjectMemberAdded>();
        IncludeType<ProjectMemberRemoved>();
        IncludeType<MeasureDefined>();
        IncludeType<MeasureRevised>();
        IncludeType<MeasurementsRecorded>();
        IncludeType<MeasurementRemoved>();
        IncludeType<LimitsRecalculated>();
        IncludeType<LimitsRecalculationWithdrawn>();
        IncludeType<PdsaCycleStarted>();
        IncludeType<PdsaCycleRevised>();
        IncludeType<ProjectCompleted>();
    }

    public override ImprovementProject? Evolve(ImprovementProject? snapshot, Guid id, IEvent e) =>
        ImprovementProject.Evolve(snapshot, e.Data) is { } next ? next with { ChainHead = ChainHeaders.HashOf(e) ?? next.ChainHead } : null;
}

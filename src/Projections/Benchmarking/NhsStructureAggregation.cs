using GuidanceFlow.Domain.Benchmarking;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace GuidanceFlow.Projections.Benchmarking;

/// <summary>Binds the NHS structure's pure fold to Marten, inline: every comparison reads it as it stands.</summary>
public sealed class NhsStructureAggregation : SingleStreamProjection<NhsStructure, Guid>
{
    public NhsStructureAggregation()
    {
        IncludeType<RegionRecorded>();
        IncludeType<SystemRecorded>();
        IncludeType<NetworkRecorded>();
        IncludeType<GroupPlaced>();
        IncludeType<NetworkAdminAppointed>();
        IncludeType<NetworkAdminRemoved>();
    }

    public override NhsStructure? Evolve(NhsStructure? snapshot, Guid id, IEvent e) =>
        NhsStructure.Evolve(snapshot, e.Data) with { Id = id, ChainHead = ChainHeaders.HashOf(e) ?? snapshot?.ChainHead ?? "" };
}

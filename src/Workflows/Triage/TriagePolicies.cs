using GuidanceFlow.Domain.Triage;
using GuidanceFlow.Workflows.Groups;
using Microsoft.Extensions.Configuration;

namespace GuidanceFlow.Workflows.Triage;

/// <summary>
/// Triage timeframes: "Triage:DueDays" (14), "Triage:ReminderDaysBefore" (3) and "Triage:LookBackDays"
/// (90: how far before its set-up a new group's queue starts) from configuration, with each group's own
/// settings on top.
/// </summary>
public sealed class TriagePolicies(IConfiguration configuration)
{
    public int LookBackDays => configuration.GetValue("Triage:LookBackDays", 90);

    public TriagePolicy For(ImplementationGroup? group) => new(
        group?.Settings.TriageDueDays ?? configuration.GetValue("Triage:DueDays", TriagePolicy.DefaultDueDays),
        configuration.GetValue("Triage:ReminderDaysBefore", TriagePolicy.Default.ReminderDaysBefore));

    public async Task<TriagePolicy> ForAsync(string group, IQuerySession session, CancellationToken ct) =>
        For(await session.LoadAsync<ImplementationGroup>(group, ct));
}

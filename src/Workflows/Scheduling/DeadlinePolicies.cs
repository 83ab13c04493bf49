using Marten;
using Microsoft.Extensions.Configuration;

namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>
/// Each group's timeframes, from configuration: "Deadlines:Default" and, per group,
/// "Deadlines:Groups:{group name}". Anything a group leaves out falls back to the default.
/// </summary>
public sealed class DeadlinePolicies(IConfiguration configuration)
{
    /// <summary>Configuration, then the group's own settings (set by its group admins) on top.</summary>
    public async Task<DeadlinePolicy> ForAsync(string group, IQuerySession session, CancellationToken ct = default)
    {
        var policy = For(group);
        if (await session.LoadAsync<GuidanceFlow.Workflows.Groups.ImplementationGroup>(group, ct) is not { Settings: var s }) return policy;
        return new DeadlinePolicy(s.ReminderDaysBefore is { Count: > 0 } days ? days : policy.ReminderDaysBefore,
            s.FinancialImpactDueDays ?? policy.FinancialImpactDueDays, s.ReviewAfterMonths ?? policy.ReviewAfterMonths);
    }

    public DeadlinePolicy For(string group)
    {
        var fallback = Read(configuration.GetSection("Deadlines:Default"), DeadlinePolicy.Default);
        return Read(configuration.GetSection($"Deadlines:Groups:{group}"), fallback);
    }

    private static DeadlinePolicy Read(IConfigurationSection section, DeadlinePolicy fallback)
    {
        var reminders = section.GetSection("ReminderDaysBefore").Get<int[]>();
        return new DeadlinePolicy(
            reminders is { Length: > 0 } ? reminders : fallback.ReminderDaysBefore,
            section.GetValue("FinancialImpactDueDays", fallback.FinancialImpactDueDays),
            section.GetValue("ReviewAfterMonths", fallback.ReviewAfterMonths));
    }
}

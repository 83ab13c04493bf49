using Microsoft.Extensions.Logging;
using Quartz;

namespace GuidanceFlow.Workflows.Scheduling;

/// <summary>The one Quartz job: it only tells Wolverine which deadline of which review arrived.</summary>
public sealed class DeadlineJob(IMessageBus bus) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var data = context.MergedJobDataMap;
        var reviewId = Guid.Parse(data.GetString(DeadlineScheduler.ReviewIdKey)!);
        var deadline = data.GetString(DeadlineScheduler.DeadlineKey)!;
        await bus.SendAsync(new DeadlineReached(reviewId, deadline));
        OperationsMetrics.DeadlineFired(deadline.Split(':')[0], context.FireTimeUtc - (context.ScheduledFireTimeUtc ?? context.FireTimeUtc));
    }
}

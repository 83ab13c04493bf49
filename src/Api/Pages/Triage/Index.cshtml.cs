using GuidanceFlow.Domain.Triage;
using Marten;

namespace GuidanceFlow.Api.Pages.Triage;

/// <summary>The user's groups, each with how much awaits triage and how much of that is overdue.</summary>
public sealed class IndexModel : GuidancePage
{
    public sealed record GroupQueue(string Group, int Awaiting, int Overdue);

    public IReadOnlyList<GroupQueue> Queues { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = Now;
        var queues = new List<GroupQueue>();
        foreach (var group in await Access.GroupsWhere(Ct))
        {
            var awaiting = Query.Query<TriageItem>().Where(i => i.Group == group && i.Status == TriageStatus.Awaiting);
            queues.Add(new(group, await awaiting.CountAsync(Ct), await awaiting.Where(i => i.DueAt <= now).CountAsync(Ct)));
        }
        Queues = queues;
    }
}

using GuidanceFlow.Api.Views;

namespace GuidanceFlow.Api.Pages;

/// <summary>The stakeholder's inbox, built exactly as GET /api/me/inbox builds it.</summary>
public sealed class InboxModel(TimeProvider clock) : GuidancePage
{
    public Inbox Inbox { get; private set; } = null!;
    public string Me => UserId;

    public async Task OnGetAsync()
    {
        Inbox = await InboxEndpoints.MineAsync(Query, UserId, clock.GetUtcNow(), Ct);
    }
}

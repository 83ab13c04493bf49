using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Library;
using GuidanceFlow.Domain.Library;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>Submissions waiting for an editor, longest waiting first (editors only).</summary>
public sealed class ModerationModel(LibraryAccess access) : GuidancePage
{
    public IReadOnlyList<LibraryEntryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!LibraryRules.MayModerate(await access.ViewerAsync(Ct)))
        {
            HttpContext.Items[ErrorModel.MessageKey] = LibraryRules.EditorsOnly;
            return StatusCode(403);
        }
        Rows = (await Query.Query<LibraryEntry>().Where(e => e.Status == LibraryEntryStatus.AwaitingModeration)
            .OrderBy(e => e.LastChangedAt).Take(200).ToListAsync(Ct)).Select(LibraryEntryRow.Of).ToList();
        return Page();
    }
}

/// <summary>What the user submitted, and the case studies of the groups they chair, in any state.</summary>
public sealed class MineModel(LibraryAccess access) : GuidancePage
{
    public IReadOnlyList<LibraryEntryRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = (await LibraryEndpoints.MineAsync(await access.ViewerAsync(Ct), Query, Ct)).Select(LibraryEntryRow.Of).ToList();
}

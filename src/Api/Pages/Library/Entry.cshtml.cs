using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Library;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Library;
using GuidanceFlow.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>
/// One library entry: what it says, its later news, its history for those who may act on it, and the actions the
/// library's rules allow the reader (publish, moderate, add news, withdraw) — the same commands as the API's.
/// </summary>
public sealed class EntryModel(LibraryAccess access, LibrarySearch search) : GuidancePage
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>Time travel: the entry as it was at this version (for those who may read its history).</summary>
    [FromQuery] public long? Version { get; set; }

    /// <summary>When looking back: the version shown, and when it was written.</summary>
    public (long Version, DateTimeOffset At)? Past { get; private set; }

    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? UpdateText { get; set; }
    [BindProperty] public string? WithdrawReason { get; set; }

    public LibraryEntryAnswer Entry { get; private set; } = null!;
    public IReadOnlyList<(long Version, string What, ActorRef By, DateTimeOffset At)> History { get; private set; } = [];
    private string Url => $"/library/entries/{Id}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (Entry.Status == LibraryEntryStatus.Published) await search.CountReadAsync(Id, Ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (!await SendAsync(new PublishCaseStudy(Id, await access.ViewerAsync(Ct), User.ToActor(Roles.Chair)))) return await PageAgainAsync();
        return Done("The case study is published: every implementation group can now find it in the library.", Url);
    }

    public async Task<IActionResult> OnPostModerateAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (!Enum.TryParse<ModerationOutcome>(Outcome, out var outcome))
        {
            Errors.Add("outcome", "Choose whether to approve, ask for changes or reject");
            return await PageAgainAsync();
        }
        if (!await SendAsync(new ModerateLibraryEntry(Id, outcome, Reason, await access.ViewerAsync(Ct), User.ToActor("LibraryEditor"))))
            return await PageAgainAsync();
        return Done(outcome switch
        {
            ModerationOutcome.Approve => "The entry is published. Its author has been emailed.",
            ModerationOutcome.RequestChanges => "The entry is back with its author for changes. They have been emailed.",
            _ => "The entry is rejected. Its author has been emailed with your reason.",
        }, Url);
    }

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (!await SendAsync(new AddCaseStudyUpdate(Id, UpdateText ?? "", await access.ViewerAsync(Ct), User.ToActor(Roles.Chair)),
                f => f == "text" ? "updateText" : f))
            return await PageAgainAsync();
        return Done("The update is added to the case study.", Url);
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        if (!await SendAsync(new WithdrawLibraryEntry(Id, WithdrawReason ?? "", await access.ViewerAsync(Ct), User.ToActor("Author")),
                f => f == "reason" ? "withdrawReason" : f))
            return await PageAgainAsync();
        return Done("The entry is withdrawn: it no longer appears in the library. Its history is kept.", Url);
    }

    /// <summary>After a refused post: the entry as it now stands, with the errors.</summary>
    private async Task<IActionResult> PageAgainAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>What the reader may not see is not found (as the API).</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var viewer = await access.ViewerAsync(Ct);
        var entry = await Query.LoadAsync<LibraryEntry>(Id, Ct);
        if (entry is null || !LibraryRules.MayRead(entry, viewer))
        {
            HttpContext.Items[ErrorModel.MessageKey] = LibraryRules.NoSuchEntry(Id);
            return NotFound();
        }
        Entry = LibraryEntryAnswer.Of(entry, viewer);
        if (Entry.May.ReadHistory)
            History = (await Query.Events.FetchStreamAsync(Id, token: Ct))
                .Select(e => (e.Version, What(e.Data), ActorHeaders.Of(e), e.Timestamp)).ToList();
        if (Version is { } version && Request.Method == "GET")
        {
            if (!Entry.May.ReadHistory)
            {
                HttpContext.Items[ErrorModel.MessageKey] = LibraryTimeTravel.HistoryOnly;
                return StatusCode(403);
            }
            if (version < 1 || await LibraryTimeTravel.AtAsync(Query, Id, version, null, Ct) is not { } past)
            {
                HttpContext.Items[ErrorModel.MessageKey] = $"This entry has no version {version}.";
                return NotFound();
            }
            Entry = LibraryEntryAnswer.Of(past.Entry, viewer) with { May = LibraryPermissions.None with { ReadHistory = true } };
            Past = (past.Version, History.First(h => h.Version == past.Version).At);
        }
        return null;
    }

    private static string What(object e) => e switch
    {
        CaseStudyDrafted => "Drafted from the review",
        GoodPracticeSubmitted => "Submitted",
        ProjectSubmittedToLibrary => "Shared from an improvement project",
        LibraryEntryRevised r => r.Note is { } note ? $"Changed: {note}" : "Changed",
        LibraryChangesRequested c => $"Changes asked for: {c.Reason}",
        LibraryEntryRejected x => $"Rejected: {x.Reason}",
        LibraryEntryPublished => "Published",
        CaseStudyUpdateAdded => "Update added",
        LibraryEntryWithdrawn w => $"Withdrawn: {w.Reason}",
        _ => e.GetType().Name,
    };
}

using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Library;
using GuidanceFlow.Domain.Library;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>Its author changes an entry not yet published (a case study's draft: its group's chairs).</summary>
public sealed class EditModel(LibraryAccess access) : GuidancePage
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public ContentForm Form { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    public LibraryEntry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        Form = ContentForm.Of(Entry.Content);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } missing) return missing;
        var content = Form.ToContent(Errors);
        if (Errors.Any) return Page();
        if (!await SendAsync(new ReviseLibraryEntry(Id, content, Note, await access.ViewerAsync(Ct), User.ToActor("Author")),
                path => path == "note" ? "note" : Form.Field(path, content)))
            return Page();
        return Done(Entry.Status == LibraryEntryStatus.ChangesRequested ? "Your changes are saved and back with the editors." : "Your changes are saved.",
            $"/library/entries/{Id}");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var viewer = await access.ViewerAsync(Ct);
        var entry = await Query.LoadAsync<LibraryEntry>(Id, Ct);
        if (entry is null || !LibraryRules.MayRead(entry, viewer))
        {
            HttpContext.Items[ErrorModel.MessageKey] = LibraryRules.NoSuchEntry(Id);
            return NotFound();
        }
        if (!LibraryRules.MayRevise(entry, viewer) || !LibraryRules.IsOpenForEdits(entry))
        {
            HttpContext.Items[ErrorModel.MessageKey] = LibraryRules.MayRevise(entry, viewer)
                ? $"The entry is {LibraryWords.Of(entry.Status)}; it can no longer be changed."
                : entry.Kind == LibraryEntryKind.CaseStudy ? LibraryRules.ChairsOnly : LibraryRules.AuthorOnly;
            return StatusCode(LibraryRules.MayRevise(entry, viewer) ? 409 : 403);
        }
        Entry = entry;
        return null;
    }
}

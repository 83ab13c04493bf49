using GuidanceFlow.Domain.Library;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Workflows.Library;
using GuidanceFlow.Workflows.People;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>
/// The link at the foot of every digest: it works without signing in (the link's signature says whose digest it is), and
/// the digest stops only when the person presses the button, never on opening the link (mail scanners open links).
/// </summary>
[AllowAnonymous]
public sealed class UnsubscribeModel(DigestLinks links) : GuidancePage
{
    [FromQuery(Name = "user")] public string? UserParam { get; set; }
    [FromQuery(Name = "token")] public string? Token { get; set; }

    public string Name { get; private set; } = "";
    public bool Stopped { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await PersonAsync() is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PersonAsync() is not { } person) return Invalid();
        var actor = new Actor(person.Id, person.Name, person.Organisation, "Reader", person.Email);
        if (!await SendAsync(new SetLibraryDigest(person.Id, false, "the link in a digest", actor))) return Page();
        Stopped = true;
        return Page();
    }

    private async Task<Person?> PersonAsync()
    {
        if (UserParam is not { Length: > 0 and <= 200 } user || !await links.IsValid(user, Token, Ct)) return null;
        var person = await Query.LoadAsync<Person>(user, Ct);
        Name = person?.Name ?? "";
        return person;
    }

    private IActionResult Invalid()
    {
        HttpContext.Items[ErrorModel.MessageKey] =
            "This unsubscribe link is not complete or not valid. Copy the whole link from the email, or sign in and change your digest on the library's Follow new learning page.";
        return NotFound();
    }
}

using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>The chair closes a review, with a reason; its pending deadlines are cancelled.</summary>
public sealed class CloseModel : ReviewPage
{
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(Need.Chair) ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync(Need.Chair) is { } denied) return denied;
        if (!await SendAsync(new CloseReview(Id, Reason?.Trim() ?? "", Version, User.ToActor(Roles.Chair)))) return Page();
        return Done("The review is closed.", ReviewUrl);
    }
}

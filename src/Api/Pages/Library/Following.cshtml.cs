using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Library;
using GuidanceFlow.Domain.Library;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>
/// What the user follows and what their groups follow (changed by the groups' chairs), and their weekly digest turned
/// on or off: the same commands as the API's.
/// </summary>
public sealed class FollowingModel(LibraryAccess access) : GuidancePage
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Group { get; set; }
    [BindProperty] public bool On { get; set; }

    public FollowingAnswer Following { get; private set; } = null!;

    /// <summary>Whose follows a post changes: the user's own (null) or a group's.</summary>
    public string? FormGroup => Group is { Length: > 0 } g ? g : null;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostFollowAsync()
    {
        if (!Enum.TryParse<FollowKind>(Kind, out var kind))
        {
            Errors.Add("kind", "Choose whether to follow a NICE guidance number or a topic");
            await LoadAsync();
            return Page();
        }
        var viewer = await access.ViewerAsync(Ct);
        if (!await SendAsync(new FollowLearning(FollowerOf(viewer), kind, Value ?? "", viewer, User.ToActor("Reader"))))
        {
            await LoadAsync();
            return Page();
        }
        var what = kind == FollowKind.Guidance ? FollowingRules.Normalise(kind, Value!) : $"the topic '{FollowingRules.Normalise(kind, Value!)}'";
        return Done(FormGroup is { } g ? $"{g} now follows {what}." : $"You now follow {what}.", "/library/following");
    }

    public async Task<IActionResult> OnPostStopAsync()
    {
        var viewer = await access.ViewerAsync(Ct);
        if (!Enum.TryParse<FollowKind>(Kind, out var kind)) kind = (FollowKind)(-1); // refused by the validator, named on the page
        if (!await SendAsync(new StopFollowing(FollowerOf(viewer), kind, Value ?? "", viewer, User.ToActor("Reader"))))
        {
            await LoadAsync();
            return Page();
        }
        return Done(FormGroup is { } g ? $"{g} no longer follows {Value}." : $"You no longer follow {Value}.", "/library/following");
    }

    public async Task<IActionResult> OnPostDigestAsync()
    {
        var actor = User.ToActor("Reader");
        if (!await SendAsync(new SetLibraryDigest(actor.UserId, On, "the following page", actor)))
        {
            await LoadAsync();
            return Page();
        }
        return Done(On ? "Your weekly digest is on." : "Your weekly digest is off: you will get no more library emails until you turn it on.",
            "/library/following");
    }

    private Follower FollowerOf(LibraryViewer viewer) => FormGroup is { } g ? Follower.Group(g) : Follower.User(viewer.UserId);

    private async Task LoadAsync() =>
        Following = await LibraryFollowingEndpoints.FollowingOfAsync(await access.ViewerAsync(Ct), Access, Query, Ct);
}

using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Reviews;
using Marten;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Groups;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages;

/// <summary>A page about one review: loads it after the same access check the API's routes make.</summary>
public abstract class ReviewPage : GuidancePage
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>The review version the form was loaded at; a write sends it back, so a stale form changes nothing.</summary>
    [BindProperty] public long Version { get; set; }

    public ReviewView Review { get; private set; } = null!;
    public IReadOnlyList<GroupRole> GroupRoles { get; private set; } = [];

    public bool IsChair => GroupRoles.Contains(GroupRole.Chair);
    public bool IsFinanceLead => GroupRoles.Contains(GroupRole.FinanceLead);
    public bool IsCommissioner => GroupRoles.Contains(GroupRole.Commissioner);
    public bool IsMember => GroupRoles.Count > 0;
    public bool IsInvited => Review.Stakeholders.Any(s => s.StakeholderId == UserId);
    public string ReviewUrl => $"/reviews/{Id}";

    /// <summary>
    /// People known to the review's group: everyone invited to its reviews so far, and on a
    /// developer's machine the demo directory. Offered when inviting and when delegating.
    /// </summary>
    protected async Task<List<Stakeholder>> KnownPeopleAsync()
    {
        var earlier = await Query.Query<ReviewView>().Where(v => v.Group == Review.Group).Select(v => v.Stakeholders).ToListAsync(Ct);
        var demo = HttpContext.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
            ? DemoUsers.All.Select(u => u.AsStakeholder()) : [];
        return demo.Concat(earlier.SelectMany(s => s)).DistinctBy(s => s.StakeholderId).ToList();
    }

    /// <summary>
    /// The review, and the stakeholder whose response the user gives: their own, or (<paramref name="forId"/>) a colleague's
    /// delegated to them — the domain's rule. Anyone else gets the 403 page.
    /// </summary>
    protected async Task<(IActionResult? Denied, Stakeholder? Whose)> LoadRespondentAsync(string? forId)
    {
        if (await LoadAsync(Need.Read) is { } denied) return (denied, null);
        var whose = string.IsNullOrEmpty(forId) ? UserId : forId;
        var stakeholder = Review.Stakeholders.FirstOrDefault(s => s.StakeholderId == whose);
        if (stakeholder is null || !Respondents.MayRespondFor(whose, User.ToActor(Roles.Stakeholder), stakeholder, Review.DelegateOf(whose)))
        {
            HttpContext.Items[ErrorModel.MessageKey] = "Only invited stakeholders can respond, for themselves or for a colleague who has delegated to them.";
            return (StatusCode(403), null);
        }
        return (null, stakeholder);
    }

    /// <summary>Null when the page may go on; else the 404/403 page.</summary>
    protected async Task<IActionResult?> LoadAsync(Need need)
    {
        if (await DenyAsync(Id, need) is { } denied) return denied;
        var review = await Access.ReviewAsync(Id, Ct); // already read by the access check
        if (review is null) return NotFound();
        // Before the collated response is shared a stakeholder's pages show only the answers they give.
        Review = await Access.AsSeenAsync(review, Ct);
        GroupRoles = await Access.RolesIn(review.Group, Ct);
        // On a first load the form carries the version it shows; after a failed post it keeps the one it was loaded at.
        if (Request.Method == HttpMethods.Get) Version = review.Version;
        return null;
    }
}

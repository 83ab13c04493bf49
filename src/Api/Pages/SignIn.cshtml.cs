using GuidanceFlow.Api.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages;

/// <summary>
/// Development: choose a demo user, kept in a session cookie. Anywhere with a real authority, the
/// page hands over to NHS CIS2 / Entra ID (OpenID Connect) instead.
/// </summary>
public sealed class SignInModel(IConfiguration configuration, IHostEnvironment environment) : GuidancePage
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(Name = "userId")] public string? Person { get; set; }

    public IEnumerable<Choice> People => DemoUsers.All.Select(u => new Choice(u.UserId, $"{u.Name}, {u.Organisation}", Describe(u)));

    public IActionResult OnGet() =>
        Identity.SignIn.UsesDemoUsers(configuration, environment) ? Page()
            : Challenge(new AuthenticationProperties { RedirectUri = SafeReturn() }, OpenIdConnectDefaults.AuthenticationScheme);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Identity.SignIn.UsesDemoUsers(configuration, environment)) return NotFound();
        var user = DemoUsers.Find(Person);
        if (user is null)
        {
            Errors.Add("userId", "Choose who you are signing in as");
            return Page();
        }
        await HttpContext.SignInAsync(DevelopmentCookie.Scheme, user.ToPrincipal(DevelopmentCookie.Scheme));
        return LocalRedirect(SafeReturn());
    }

    /// <summary>Only a path on this site: never an open redirect.</summary>
    private string SafeReturn() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    private static string Describe(DemoUser user) => user.UserId switch
    {
        "amara.okafor" => "Chair and group administrator of the Riverside NICE implementation group",
        "rachel.stone" => "Commissioner: audits decisions, sees the register and finance",
        "mark.fenwick" => "Finance lead: records the financial impact",
        "nadia.khan" => "Network admin: keeps the NHS structure benchmarking uses, sees the network's view",
        "colin.baker" => "Commissioner in another health economy (Westvale)",
        _ when !user.Roles.Contains(Roles.Stakeholder) => $"Chair of another health economy's implementation group ({user.Organisation})",
        _ => $"Stakeholder: {Words.Sector(user.Sector).ToLowerInvariant()}",
    };
}

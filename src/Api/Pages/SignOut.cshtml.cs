using GuidanceFlow.Api.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages;

/// <summary>Ends the page session (a POST, so another site cannot sign you out).</summary>
[AllowAnonymous]
public sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : GuidancePage
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        foreach (var scheme in new[] { DevelopmentCookie.Scheme, CookieAuthenticationDefaults.AuthenticationScheme })
            if (await schemes.GetSchemeAsync(scheme) is not null) await HttpContext.SignOutAsync(scheme);
        return RedirectToPage();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GuidanceFlow.Api.Pages;

/// <summary>The page shown for an error status on any page (re-executed by the status code middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public const string MessageKey = "guidanceflow:error-message";

    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string? Message { get; private set; }
    public IReadOnlyList<string> Advice { get; private set; } = [];

    public void OnGet(int code) => Show(code);
    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        // Served at /error/{code} directly too; keep a real error status either way.
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        Message = HttpContext.Items[MessageKey] as string;
        (Heading, Advice) = Code switch
        {
            404 => ("Page not found", (IReadOnlyList<string>)["If you typed the web address, check it is correct.",
                "If you followed a link to a review, it may belong to an implementation group you are not a member of."]),
            403 => ("You cannot do this", ["Your role in this review's implementation group does not allow it. Ask the group's chair if you think it should."]),
            400 => ("There is a problem with your request", ["Go back and try again."]),
            413 => ("What you sent is too large", ["Send less text, or split it into several parts."]),
            429 => ("You have made too many changes in a short time", ["Wait a minute, then try again."]),
            _ => ("Sorry, there is a problem with the service", ["Try again later. The problem has been logged."]),
        };
    }
}

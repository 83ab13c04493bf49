using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GuidanceFlow.Api.Pages;

/// <summary>
/// What every page shares with the API: the same access rules (<see cref="Identity.Access"/>), the
/// same validators and handlers (Wolverine's pipeline), the same answers to rejected
/// and stale commands — shown as an error summary instead of problem details.
/// </summary>
public abstract class GuidancePage : PageModel
{
    public FormErrors Errors { get; } = new();

    /// <summary>Why the last command was refused, in the domain's words; shown above the form.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The review moved on since the form was loaded; nothing was saved.</summary>
    public bool Stale { get; private set; }

    public bool HasProblem => Errors.Any || Refusal is not null || Stale;

    /// <summary>This page freshly loaded (without the form handler of a failed post): where a stale form sends you.</summary>
    public string ReloadUrl => Request.Path + QueryString.Create(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Request.QueryString.Value)
        .Where(q => q.Key is not ("handler" or "index")));

    protected Access Access => HttpContext.RequestServices.GetRequiredService<Access>();
    protected IQuerySession Query => HttpContext.RequestServices.GetRequiredService<IQuerySession>();
    protected Wolverine.IMessageBus Bus => HttpContext.RequestServices.GetRequiredService<Wolverine.IMessageBus>();
    protected CancellationToken Ct => HttpContext.RequestAborted;
    /// <summary>The time now, from the injected clock: pages never read the system clock themselves.</summary>
    public DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
    protected string UserId => User.UserId();

    /// <summary>Null when the user may do <paramref name="need"/> on the review; else the 404 or 403 page.</summary>
    protected async Task<IActionResult?> DenyAsync(Guid reviewId, Need need)
    {
        var denial = await Access.Decide(reviewId, need, Ct);
        if (denial is null) return null;
        HttpContext.Items[ErrorModel.MessageKey] = denial.Message;
        return StatusCode(denial.Status);
    }

    /// <summary>
    /// Validates and sends the command. False when anything stopped it: the errors are then on
    /// <see cref="Errors"/> (fields), <see cref="Refusal"/> (a rule) or <see cref="Stale"/>.
    /// <paramref name="field"/> maps a validator's path onto the form's field names where they differ.
    /// </summary>
    protected async Task<bool> SendAsync(object command, Func<string, string>? field = null)
    {
        try
        {
            await Bus.InvokeAsync(command, Ct);
            return true;
        }
        catch (Workflows.Validation.CommandInvalid invalid)
        {
            foreach (var failure in invalid.Failures)
            {
                var path = Problems.JsonPath(failure.PropertyName);
                Errors.Add(field?.Invoke(path) ?? path, failure.ErrorMessage);
            }
        }
        catch (ReviewCommandRejected e)
        {
            Refusal = e.Message;
        }
        catch (Workflows.Groups.GroupAccessDenied e)
        {
            Refusal = e.Message;
        }
        catch (Workflows.Triage.TriageCommandRejected e)
        {
            Refusal = e.Message;
        }
        catch (Workflows.Catalogue.CatalogueCommandRejected e)
        {
            Refusal = e.Message;
        }
        catch (Workflows.Library.LibraryCommandRejected e)
        {
            Refusal = e.Message;
        }
        catch (Workflows.Benchmarking.StructureCommandRejected e)
        {
            Refusal = e.Message;
        }
        catch (Workflows.Improvement.ProjectCommandRejected e)
        {
            Refusal = e.Message;
        }
        catch (JasperFx.DocumentAlreadyExistsException e) when (e.DocumentType == typeof(OpenReviewClaim))
        {
            Refusal = "The group already has an open review of this guidance (opened a moment ago). Reload to find it.";
        }
        catch (Exception e) when (e is StaleReviewVersion or ConcurrencyException)
        {
            Stale = true;
        }
        return false;
    }

    /// <summary>A confirmation shown once on the next page (nhsuk notification banner, success).</summary>
    protected void Confirm(string message) => TempData["Confirmation"] = message;

    /// <summary>After a successful post: the page again as a GET, so a refresh cannot resend it.</summary>
    protected IActionResult Done(string message, string url)
    {
        Confirm(message);
        return LocalRedirect(url);
    }
}

using FluentValidation;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Domain.Library;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Library;

/// <summary>Anyone signed in shares an example of good practice: previewed as readers will see it, then sent to the editors.</summary>
public sealed class SubmitModel(IValidator<LibraryContent> validator) : GuidancePage
{
    [BindProperty] public ContentForm Form { get; set; } = new();
    public LibraryContent? Preview { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var content = Form.ToContent(Errors);
        foreach (var failure in (await validator.ValidateAsync(content, Ct)).Errors)
            Errors.Add(Form.Field(Http.Problems.JsonPath(failure.PropertyName), content), failure.ErrorMessage);
        if (!Errors.Any) Preview = content;
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        var content = Form.ToContent(Errors);
        if (Errors.Any) return Page();
        var command = new SubmitGoodPractice(Guid.CreateVersion7(), content, User.ToActor("Author"));
        if (!await SendAsync(command, path => Form.Field(path, content))) return Page();
        return Done("Thank you: your entry is with the library's editors. You will be emailed when they have looked at it.",
            $"/library/entries/{command.EntryId}");
    }
}

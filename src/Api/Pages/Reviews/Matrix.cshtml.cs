using GuidanceFlow.Api.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Reviews;

/// <summary>The compliance matrix on one screen, as the group discusses it; the API's GET …/matrix gives the same.</summary>
public sealed class MatrixModel : ReviewPage
{
    public ComplianceMatrix Matrix { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(Need.Read) is { } denied) return denied;
        Matrix = ComplianceMatrix.Of(Review); // Review is already the view as this reader may see it
        return Page();
    }
}

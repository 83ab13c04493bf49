using GuidanceFlow.Api.Endpoints;
using GuidanceFlow.Api.Queries;
using GuidanceFlow.Domain.Catalogue;
using GuidanceFlow.Domain.Triage;
using Microsoft.AspNetCore.Mvc;

namespace GuidanceFlow.Api.Pages.Catalogue;

/// <summary>One NICE product: its current recommendations, every version with what changed, and where the user's groups stand with it.</summary>
public sealed class ProductModel : GuidancePage
{
    [FromRoute] public string Number { get; set; } = "";

    public CatalogueProduct Product { get; private set; } = null!;

    /// <summary>The user's groups' triage of this product, where it reached their queues.</summary>
    public IReadOnlyList<TriageItem> Triage { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var product = GuidanceProduct.IsGuidanceNumber(Number) ? await CatalogueQuery.ProductAsync(Query, Number, Ct) : null;
        if (product is null)
        {
            HttpContext.Items[ErrorModel.MessageKey] = $"The catalogue has no NICE product {Number}.";
            return NotFound();
        }
        Product = product;
        var groups = await Access.GroupsWhere(Ct);
        if (groups.Count > 0)
            Triage = await Query.LoadManyAsync<TriageItem>(Ct, groups.Select(g => TriageItem.IdFor(g, product.Product.GuidanceNumber)));
        return Page();
    }
}

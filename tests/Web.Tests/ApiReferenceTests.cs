using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GuidanceFlow.Web.Tests;

/// <summary>The API reference at /docs: drawn from the OpenAPI document, in the design system, accessible.</summary>
public sealed class ApiReferenceTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_reference_lists_every_operation_passes_axe_and_works_by_keyboard_without_javascript()
    {
        var page = await SignInAs("amara.okafor", javaScript: false);
        await page.GotoAsync("/docs");
        await Expect(page.Locator("h1")).ToHaveTextAsync("GuidanceFlow API reference");
        // An operation, with its example body and its answers; a schema it refers to is a link within the page.
        var decision = page.Locator("section[aria-labelledby='postReviewsByIdDecision']");
        await Expect(decision.Locator("h3")).ToHaveTextAsync("POST /api/reviews/{id}/decision");
        await Expect(decision.Locator("caption", new() { HasText = "Responses" })).ToHaveCountAsync(1);
        await Expect(decision.GetByText("\"outcome\": \"ImplementWithLocalVariation\"")).ToHaveCountAsync(1);
        await decision.GetByRole(AriaRole.Link, new() { Name = "RecordDecisionRequest" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#schema-RecordDecisionRequest$"));
        await Expect(page.Locator("#schema-RecordDecisionRequest")).ToBeVisibleAsync();

        // Nothing runs in the page: it is the same without JavaScript, and nothing is fetched from elsewhere.
        var operations = await page.Locator("section.app-operation").CountAsync();
        using var http = new HttpClient { BaseAddress = Fixture.App.Address };
        http.DefaultRequestHeaders.Add("X-Dev-User", "amara.okafor");
        var document = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var documented = document["paths"]!.AsObject().Sum(p => p.Value!.AsObject().Count(m => m.Key is "get" or "post" or "put" or "delete" or "patch"));
        Assert.Equal(documented, operations);

        var js = await SignInAs("amara.okafor");
        await js.GotoAsync("/docs");
        await Accessible(js, "api-reference");
        // The examples scroll inside their own box, reachable by keyboard.
        await js.Locator("#postReviewsByIdDecision").ScrollIntoViewIfNeededAsync();
        var example = js.Locator("section[aria-labelledby='postReviewsByIdDecision'] details summary");
        await example.FocusAsync();
        await js.Keyboard.PressAsync("Enter");
        await Expect(js.Locator("section[aria-labelledby='postReviewsByIdDecision'] pre.app-code")).ToBeVisibleAsync();
    }
}

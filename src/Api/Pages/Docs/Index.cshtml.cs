using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GuidanceFlow.Api.Pages.Docs;

/// <summary>
/// The API reference, drawn on the server from the same OpenAPI document the API serves (/openapi/v1.json), in the NHS
/// design system: headings, tables and links that work with a keyboard, a screen reader and no JavaScript.
/// </summary>
public sealed class IndexModel([FromKeyedServices("v1")] IOpenApiDocumentProvider documents) : PageModel
{
    public OpenApiDocument Document { get; private set; } = null!;

    public List<(string Tag, string? Description, List<(HttpMethod Method, string Path, OpenApiOperation Operation)> Operations)> Sections { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Document = await documents.GetOpenApiDocumentAsync(ct);
        var all = Document.Paths
            .SelectMany(p => (p.Value.Operations ?? []).Select(o => (Method: o.Key, Path: p.Key, Operation: o.Value)))
            .ToList();
        foreach (var group in all.GroupBy(o => o.Operation.Tags?.FirstOrDefault()?.Name ?? "Other"))
            Sections.Add((group.Key, Document.Tags?.FirstOrDefault(t => t.Name == group.Key)?.Description, group.ToList()));
    }

    /// <summary>A schema in words, its named parts linked to their description below.</summary>
    public static string TypeOf(IOpenApiSchema? schema) => schema switch
    {
        null => "any JSON",
        OpenApiSchemaReference r => $"<a href=\"#schema-{r.Reference.Id}\">{System.Net.WebUtility.HtmlEncode(r.Reference.Id)}</a>",
        OpenApiSchema { AnyOf: { Count: > 0 } any } => string.Join(" or ", any.Select(TypeOf)),
        OpenApiSchema { OneOf: { Count: > 0 } one } => string.Join(" or ", one.Select(TypeOf)),
        OpenApiSchema { Enum: { Count: > 0 } values } => "one of " + string.Join(", ", values.Select(v => $"<code>{System.Net.WebUtility.HtmlEncode(v?.ToString())}</code>")),
        OpenApiSchema { Type: { } t } s when t.HasFlag(JsonSchemaType.Array) => "list of " + TypeOf(s.Items) + (t.HasFlag(JsonSchemaType.Null) ? " or null" : ""),
        OpenApiSchema { Type: { } t } s when t.HasFlag(JsonSchemaType.Object) && s.AdditionalProperties is { } values => "map of names to " + TypeOf(values),
        OpenApiSchema { Type: { } t } s => string.Join(" or ", Enum.GetValues<JsonSchemaType>().Where(f => t.HasFlag(f))
            .Select(f => f switch
            {
                JsonSchemaType.String => s.Format is { } format ? $"text ({format})" : "text",
                JsonSchemaType.Integer => "whole number",
                JsonSchemaType.Number => "number",
                JsonSchemaType.Boolean => "true or false",
                JsonSchemaType.Object => "object",
                JsonSchemaType.Null => "null",
                _ => f.ToString().ToLowerInvariant(),
            })),
        _ => "any JSON",
    };

    /// <summary>The limits a value must keep, in words.</summary>
    public static string LimitsOf(IOpenApiSchema? schema)
    {
        if (schema is not OpenApiSchema s) return "";
        var limits = new List<string>();
        if (s.MinLength is { } minLength) limits.Add($"at least {minLength} characters");
        if (s.MaxLength is { } maxLength) limits.Add($"at most {maxLength} characters");
        if (s.MinItems is { } minItems) limits.Add($"at least {minItems} items");
        if (s.MaxItems is { } maxItems) limits.Add($"at most {maxItems} items");
        if (s.Minimum is { } minimum) limits.Add($"from {minimum}");
        if (s.Maximum is { } maximum) limits.Add($"up to {maximum}");
        if (s.Pattern is { } pattern) limits.Add($"matches <code>{System.Net.WebUtility.HtmlEncode(pattern)}</code>");
        if (s.Description is { } description) limits.Add(System.Net.WebUtility.HtmlEncode(description));
        return string.Join("; ", limits);
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace GuidanceFlow.Api.Tests.Contract;

/// <summary>
/// The OpenAPI document as a strict judge of real answers: the route and status must be declared, every header the
/// API itself sets must be declared (and each required one present), the content type must be one declared, and a
/// JSON body must be valid against the declared schema (JSON Schema 2020-12, formats checked, no undeclared member:
/// the document closes every object with additionalProperties: false).
/// </summary>
public sealed class OpenApiContract
{
    private const string Base = "urn:guidanceflow:openapi";

    // Headers of HTTP itself, or the same on every answer (security headers): not part of any one route's contract.
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Type", "Content-Length", "Transfer-Encoding", "Connection", "Vary", "Cache-Control", "Pragma",
        "Expires", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy",
        "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "Cross-Origin-Embedder-Policy", "Strict-Transport-Security",
        "WWW-Authenticate", "Content-Encoding",
    };

    private readonly List<Operation> operations;
    private readonly BuildOptions build;
    private readonly EvaluationOptions evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
    private readonly object building = new();

    public JsonObject Document { get; }

    private sealed record Operation(string Method, string Template, Regex Path, int Parameters, JsonObject Body);

    public OpenApiContract(string json)
    {
        Document = JsonNode.Parse(json)!.AsObject();
        operations = Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject()
                .Where(m => m.Key is "get" or "put" or "post" or "delete" or "patch")
                .Select(m => new Operation(m.Key.ToUpperInvariant(), p.Key,
                    new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"),
                    p.Key.Count(c => c == '{'), m.Value!.AsObject())))
            .OrderBy(o => o.Parameters).ToList();
        build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var defs = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Base,
            ["$defs"] = JsonNode.Parse(Refs(Document["components"]!["schemas"]!.ToJsonString(), local: true)),
        };
        JsonSchema.FromText(defs.ToJsonString(), build);
    }

    /// <summary>Every operation as "METHOD /template".</summary>
    public IEnumerable<(string Method, string Template, JsonObject Operation)> Operations =>
        operations.Select(o => (o.Method, o.Template, o.Body));

    /// <summary>The operation an answer belongs to: the most literal template that matches.</summary>
    public (string Method, string Template)? OperationOf(string method, string path) =>
        operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path)) is { } o ? (o.Method, o.Template) : null;

    /// <summary>What is wrong with this answer, by the document; empty when it keeps the contract.</summary>
    public List<string> Check(Exchange answer)
    {
        var problems = new List<string>();
        var operation = operations.FirstOrDefault(o => o.Method == answer.Method && o.Path.IsMatch(answer.Path));
        if (operation is null)
        {
            // No such route: routing's own 404/405, not an operation's answer.
            if (answer.Status is 404 or 405) return problems;
            problems.Add($"{answer}: no operation in the document for {answer.Method} {answer.Path}");
            return problems;
        }
        var where = $"{answer} ({operation.Method} {operation.Template})";
        var responses = operation.Body["responses"]!.AsObject();
        var response = responses[answer.Status.ToString()] ?? responses[$"{answer.Status / 100}XX"] ?? responses["default"];
        if (response is null)
        {
            problems.Add($"{where}: status {answer.Status} is not declared (declared: {string.Join(", ", responses.Select(r => r.Key))})");
            return problems;
        }

        var declaredHeaders = response["headers"]?.AsObject();
        foreach (var header in answer.Headers.Keys.Where(h => !Transport.Contains(h)))
            if (declaredHeaders?.Any(d => string.Equals(d.Key, header, StringComparison.OrdinalIgnoreCase)) != true)
                problems.Add($"{where}: header {header} is not declared");
        foreach (var (name, declared) in declaredHeaders ?? [])
        {
            var present = answer.Headers.TryGetValue(name, out var value);
            if (!present && declared?["required"]?.GetValue<bool>() == true) problems.Add($"{where}: required header {name} is missing");
            if (present && declared?["schema"] is { } headerSchema)
                problems.AddRange(Validate(headerSchema, JsonValue.Create(value)!, $"{where}: header {name}"));
        }

        var content = response["content"]?.AsObject();
        if (answer.Body.Length == 0)
        {
            if (content is { Count: > 0 } && answer.Status != 304) problems.Add($"{where}: declared a body, sent none");
            return problems;
        }
        var media = answer.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var declaredMedia = content?.FirstOrDefault(c => string.Equals(c.Key, media, StringComparison.OrdinalIgnoreCase)).Value;
        if (declaredMedia is null)
        {
            problems.Add($"{where}: content type {answer.ContentType} is not declared (declared: {string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return problems;
        }
        if (media is "application/json" or "application/problem+json" && declaredMedia["schema"] is { } schema)
        {
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(Decoded(answer));
            }
            catch (JsonException e)
            {
                problems.Add($"{where}: the body is not JSON: {e.Message}");
                return problems;
            }
            problems.AddRange(Validate(schema, body, where));
        }
        return problems;
    }

    /// <summary>What is wrong with a value by a schema of the document ($refs to its components).</summary>
    public IEnumerable<string> Validate(JsonNode schema, JsonNode? value, string where)
    {
        var text = Refs(schema.ToJsonString(), local: false);
        var compiled = schemas.GetOrAdd(text, t =>
        {
            lock (building) return JsonSchema.FromText(t, build, new Uri($"{Base}/{Guid.NewGuid():N}"));
        });
        using var document = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        var result = compiled.Evaluate(document.RootElement, evaluation);
        if (result.IsValid) return [];
        return (result.Details ?? [result])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{where}: at {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty($"{where}: invalid by its schema")
            .Take(20);
    }

    /// <summary>The body as sent before any content coding (the shared view is kept compressed and sent as stored).</summary>
    private static byte[] Decoded(Exchange answer)
    {
        answer.Headers.TryGetValue("Content-Encoding", out var coding);
        using var input = new MemoryStream(answer.Body);
        using Stream decoder = coding switch
        {
            "gzip" => new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress),
            "br" => new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress),
            _ => input,
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    private static string Refs(string json, bool local) =>
        json.Replace("\"#/components/schemas/", local ? "\"#/$defs/" : $"\"{Base}#/$defs/");
}

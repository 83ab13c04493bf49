using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace GuidanceFlow.Api.Http;

/// <summary>A route whose 200 is sometimes this other body instead of the one it declares (in the document: one of the two).</summary>
public sealed record OrAnswers(Type Body);

/// <summary>What a route checks of a query parameter itself, for the OpenAPI document (400 when not so).</summary>
public sealed record DocumentedQuery(string Name, bool Required = false, long? Minimum = null, long? Maximum = null);

/// <summary>
/// What the OpenAPI document (/openapi/v1.json) must say beyond what ASP.NET Core infers from the routes, so that a
/// strict generated client accepts every real answer: who may call (a bearer token; the development header only
/// in Development), every status a route can answer and the headers that come with it, an operationId each,
/// `required` for members that are always present, the limits the validators enforce, and an example of each
/// request body. The contract test (tests/Api.Tests/Contract) holds every answer of the API test suite to it.
/// </summary>
public static class ApiContract
{
    public const string Bearer = "bearer";
    public const string DevelopmentUser = "developmentUser";

    public static void Configure(OpenApiOptions options, bool development)
    {
        options.AddSchemaTransformer<ValidationLimits>();
        // A list of nullable values (a matrix row's cells: null where nobody answered) says that its items may be null.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element }
                && Nullable.GetUnderlyingType(element) is not null && schema.Items is { } items
                && !(items is OpenApiSchema { AnyOf: { } any } && any.Any(a => a is OpenApiSchema { Type: JsonSchemaType.Null })))
                schema.Items = new OpenApiSchema { AnyOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, items] };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer<OperationFacts>();
        options.AddDocumentTransformer(new DocumentFacts(development));
    }

    // Statuses a route may answer, each with a problem details body (RFC 9457).
    private static readonly Dictionary<string, string> Statuses = new()
    {
        ["400"] = "The request has invalid fields (each named in errors) or could not be read.",
        ["401"] = "Not signed in: send a bearer token.",
        ["403"] = "Signed in, but not allowed to do this.",
        ["404"] = "Not found, or not visible to you.",
        ["409"] = "The current state does not allow this, or the review changed since you read it (reload and try again). " +
                  "Also while the first request with the same Idempotency-Key is still running (see Retry-After).",
        ["412"] = "If-Match was a weak validator: send the ETag as given.",
        ["413"] = "The request body is larger than this route accepts.",
        ["415"] = "Send the body as application/json in UTF-8.",
        ["422"] = "The Idempotency-Key was used for a different request.",
        ["429"] = "Too many writes: wait for Retry-After seconds.",
        ["503"] = "GuidanceFlow is briefly unavailable (its database cannot be reached); nothing was saved. Try again after Retry-After seconds.",
    };

    private sealed class OperationFacts : IOpenApiOperationTransformer
    {
        public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
        {
            var description = context.Description;
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var method = description.HttpMethod?.ToUpperInvariant() ?? "GET";
            var path = "/" + (description.RelativePath ?? "");
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) return;
            var write = method is "POST" or "PUT" or "PATCH" or "DELETE";
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var hasBody = operation.RequestBody is not null;
            var rateLimited = metadata.OfType<EnableRateLimitingAttribute>().Any();
            var answersReview = description.SupportedResponseTypes.Any(r => r.Type == typeof(GuidanceFlow.Projections.Reviews.ReviewView));

            operation.OperationId ??= OperationId(method, path);
            operation.Parameters ??= [];
            operation.Responses ??= new OpenApiResponses();

            // Any route: a malformed query (control characters, an enum by number) is a 400; the database away, a 503.
            Problem(operation, "400", validation: true);
            Problem(operation, "503").Headers!["Retry-After"] = RetryAfter(required: true);
            if (!anonymous)
            {
                Problem(operation, "401");
                Problem(operation, "403");
            }
            // A path names a review, group or product; a body or query may name a group: not found, or not one of yours.
            Problem(operation, "404");
            if (rateLimited) Problem(operation, "429").Headers!["Retry-After"] = RetryAfter(required: true);
            if (hasBody)
            {
                Problem(operation, "413");
                Problem(operation, "415");
            }
            if (write)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = Idempotency.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "A key of your choosing (e.g. a UUID) to make a retry safe: for 24 hours a repeat of this request by you " +
                                  "with the same key gets the first answer again (with Idempotent-Replayed: true) and writes nothing. " +
                                  "Reused for a different request: 422. The first still running: 409 with Retry-After.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255, Pattern = "^[!-~]+$" },
                });
                Problem(operation, "409").Headers!["Retry-After"] = RetryAfter(required: false);
                Problem(operation, "422");
            }
            if (metadata.OfType<ReadsIfMatch>().Any())
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The review's ETag as last read (a quoted version, e.g. \"7\"): the write is refused with 409 if the review " +
                                  "has changed since. The same as sending `version` in the body.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\\s*\"?[0-9]+\"?\\s*$" },
                });
                Problem(operation, "412");
            }

            // An upload: the file itself is the body (the route checks its type and size itself).
            if (metadata.OfType<LargeUpload>().FirstOrDefault() is { } upload && operation.RequestBody is null)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = $"The file itself (up to {upload.MaxBytes / 1024 / 1024} MB).",
                    Content = upload.ContentTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = Binary() }),
                };
            // A file answer (declared by its content type alone): its bytes.
            foreach (var produces in metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>())
                if (produces.Type is null || produces.Type == typeof(void))
                    if (operation.Responses.TryGetValue(produces.StatusCode.ToString(), out var r) && r is OpenApiResponse file
                        && (file.Content is null || file.Content.Count == 0))
                    {
                        file.Content = produces.ContentTypes.ToDictionary(c => c, _ => new OpenApiMediaType { Schema = Binary() });
                    }
            if (metadata.OfType<OrAnswers>().FirstOrDefault() is { } or
                && operation.Responses.TryGetValue("200", out var ok) && ok.Content?.TryGetValue("application/json", out var okJson) == true
                && okJson.Schema is { } declared)
                okJson.Schema = new OpenApiSchema
                {
                    OneOf = [declared, await context.GetOrCreateSchemaAsync(or.Body, null, ct)],
                };

            foreach (var fact in metadata.OfType<DocumentedQuery>())
                if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == fact.Name && p.In == ParameterLocation.Query) is { } query)
                {
                    query.Required = fact.Required;
                    if (query.Schema is OpenApiSchema q)
                    {
                        if (fact.Minimum is { } min) q.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (fact.Maximum is { } max) q.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (fact.Required && q.Type?.HasFlag(JsonSchemaType.String) == true) q.MinLength = 1;
                    }
                }

            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse r || !status.StartsWith('2')) continue;
                r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                // A past version (time travel) is not something to write against: it comes without an ETag.
                var timeTravels = description.ParameterDescriptions.Any(p => p.Name == "version");
                if (answersReview)
                    r.Headers["ETag"] = new OpenApiHeader
                    {
                        Description = timeTravels
                            ? "The review's current version, quoted, for If-Match on the next write (absent when a past version was asked for)."
                            : "The review's version, quoted: send it back as If-Match on the next write.",
                        Required = !timeTravels,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
                    };
                if (status is "201" or "202")
                    r.Headers["Location"] = new OpenApiHeader
                    {
                        Description = status == "201" ? "Where the new resource is read." : "Where to follow what was accepted.",
                        Required = status == "201",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                    };
                // Downloads are attachments; a feed is read where it is (by a feed reader), not saved.
                if (r.Content?.Keys.Any(k => k is not ("application/json" or "application/atom+xml")) == true)
                    r.Headers["Content-Disposition"] = new OpenApiHeader
                    {
                        Description = "An attachment, with the file name to save it as.", Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
            }
            // Whatever the first answer was, a repeat with the same Idempotency-Key is given it again, marked so.
            if (write)
                foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    response.Headers[Idempotency.ReplayedHeader] = new OpenApiHeader
                    {
                        Description = "\"true\" when this is the stored first answer to a request with the same Idempotency-Key.",
                        Required = false,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
                    };
                }
        }

        private static OpenApiResponse Problem(OpenApiOperation operation, string status, bool validation = false)
        {
            if (operation.Responses!.TryGetValue(status, out var existing) && existing is OpenApiResponse known)
            {
                known.Description = Statuses.GetValueOrDefault(status, known.Description);
                known.Content ??= new Dictionary<string, OpenApiMediaType>();
                if (known.Content.Count == 0)
                    known.Content["application/problem+json"] = new OpenApiMediaType { Schema = ProblemSchema(validation) };
                known.Headers ??= new Dictionary<string, IOpenApiHeader>();
                return known;
            }
            var response = new OpenApiResponse
            {
                Description = Statuses[status],
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = ProblemSchema(validation) },
                },
                Headers = new Dictionary<string, IOpenApiHeader>(),
            };
            operation.Responses[status] = response;
            return response;
        }

        private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };

        private static IOpenApiSchema ProblemSchema(bool validation) =>
            new OpenApiSchemaReference(validation ? "HttpValidationProblemDetails" : "ProblemDetails");

        private static OpenApiHeader RetryAfter(bool required) => new()
        {
            Description = "Seconds to wait before trying again.",
            Required = required,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+$" },
        };

        /// <summary>"PUT /api/reviews/{id}/responses/{stakeholderId}/draft" → "putReviewsResponsesDraft…": stable and unique.</summary>
        private static string OperationId(string method, string path)
        {
            var words = path["/api/".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment =>
            {
                var by = segment.StartsWith('{');
                var name = segment.Trim('{', '}').Split(':')[0];
                var word = string.Concat(name.Split(['-', '.', '_']).Where(p => p.Length > 0)
                    .Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
                return by ? "By" + word : word;
            });
            return method.ToLowerInvariant() + string.Concat(words);
        }
    }

    /// <summary>Walks the finished document: the fixes that need the whole of it.</summary>
    private sealed class DocumentFacts(bool development) : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
        {
            document.Info.Title = "GuidanceFlow API";
            document.Info.Description =
                "Implementing NICE guidance across a local health economy: reviews, responses, the financial impact and decisions. " +
                "Every route needs sign-in (a bearer token from the configured identity provider). Errors are RFC 9457 problem " +
                "details. Writes take an optional Idempotency-Key; review writes take If-Match with the ETag last read.";
            document.Info.Contact ??= new OpenApiContact { Name = "GuidanceFlow", Url = new Uri("https://github.com/guidanceflow") };
            document.Servers = [new OpenApiServer { Url = "/", Description = "This GuidanceFlow" }];
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "", $"Routes about {tag.Name?.ToLowerInvariant()}.");

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the identity provider GuidanceFlow is configured with (README \"Sign-in\").",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
            if (development)
            {
                document.Components.SecuritySchemes[DevelopmentUser] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Identity.DevelopmentAuthenticationHandler.Header,
                    Description = "Development only (refused at start-up anywhere else): the user id of a demo user.",
                };
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DevelopmentUser, document)] = [] });
            }

            var schemas = document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>();
            // An enum the generator met as nullable carries null among its values; a nullable member says so itself
            // (see Tidy), but a list of nullable values (a matrix row's cells) refers to it bare: say it there.
            var nullableEnums = schemas.Where(s => s.Value is OpenApiSchema { Enum: { } e } && e.Any(v => v is null))
                .Select(s => s.Key).ToHashSet();
            foreach (var schema in schemas.Values.OfType<OpenApiSchema>()) NullableItems(schema, nullableEnums);
            foreach (var schema in schemas.Values.OfType<OpenApiSchema>()) Tidy(schema);
            foreach (var op in Operations(document)) Tidy(op);

            // Every member of an answer is always written (null where it has no value), so all are required; a body a
            // client sends may leave out what has a default, so those keep the constructor's own list.
            var sent = Reachable(schemas, Operations(document).Select(o => o.RequestBody?.Content?.Values.FirstOrDefault()?.Schema));
            foreach (var (name, schema) in schemas)
                if (schema is OpenApiSchema { Properties.Count: > 0 } s && !sent.Contains(name))
                    s.Required = new HashSet<string>(s.Properties.Keys);

            // Problem details as GuidanceFlow writes them: a type, title and status always, a trace id to quote to support.
            foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
                if (schemas.TryGetValue(name, out var p) && p is OpenApiSchema problem)
                {
                    problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
                    problem.Properties["traceId"] = new OpenApiSchema
                        { Type = JsonSchemaType.String, Description = "Quote this to support: it finds the request in the logs." };
                    foreach (var member in new[] { "type", "title", "status" })
                        if (problem.Properties[member] is OpenApiSchema m) m.Type &= ~JsonSchemaType.Null;
                    // `errors` names each invalid field; a body that could not be read at all has none to name.
                    problem.Required = new HashSet<string> { "type", "title", "status", "traceId" };
                }

            var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            foreach (var op in Operations(document))
                if (op.RequestBody?.Content is { } content)
                    foreach (var media in content.Values.OfType<OpenApiMediaType>())
                        if (BodyName(media.Schema) is { } id && ApiExamples.For(id) is { } example)
                            media.Example = JsonSerializer.SerializeToNode(example, example.GetType(), json);
                        else if (ApiExamples.ForOperation(op.OperationId) is { } niceDocument)
                        {
                            media.Example = niceDocument;
                            media.Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Description = "NICE's structured document for one product, as its syndication API gives it (README \"The NICE catalogue\").",
                            };
                        }
            return Task.CompletedTask;
        }

        private static readonly Dictionary<string, string> TagDescriptions = new()
        {
            ["Library"] = "The learning library every group shares: case studies published from decided reviews and moderated good practice, " +
                          "searched with facets and highlighted snippets.",
            ["Reviews"] = "A review of one piece of NICE guidance: its grid, responses, financial impact and decision, and its record.",
            ["Deadlines"] = "The deadlines that drive each review, and what is due across a group.",
            ["Inbox"] = "What is waiting for a stakeholder or an organisation.",
            ["Audit"] = "Decisions for commissioners, the dashboard, and the tamper-evident audit log.",
            ["Finance"] = "Costs and savings across the health economy.",
            ["Groups"] = "Implementation groups: members, roles and settings.",
            ["Catalogue"] = "NICE's published guidance, as imported or added by hand.",
            ["Triage"] = "Each group's triage of newly published guidance.",
            ["Webhooks"] = "Where a group's review events are sent (signed, retried for 24 hours), and how delivery is going.",
            ["Events"] = "Every review event you may read, in order, for integrators who pull rather than receive webhooks.",
        };

        /// <summary>The named schema of a body: itself, or the one an optional body ("null or X") stands for.</summary>
        private static string? BodyName(IOpenApiSchema? schema) => schema switch
        {
            OpenApiSchemaReference { Reference.Id: { } id } => id,
            OpenApiSchema s => (s.AnyOf ?? s.OneOf ?? []).OfType<OpenApiSchemaReference>().Select(r => r.Reference.Id).FirstOrDefault(),
            _ => null,
        };

        private static IEnumerable<OpenApiOperation> Operations(OpenApiDocument document) =>
            document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).OfType<OpenApiOperation>();

        private static void Tidy(OpenApiOperation operation)
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                if (media.Schema is OpenApiSchema body) Tidy(body);
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                if (parameter.Schema is OpenApiSchema s) Tidy(s);
            foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
                foreach (var media in response.Content?.Values ?? [])
                    if (media.Schema is OpenApiSchema s) Tidy(s);
        }

        /// <summary>
        /// A nullable member is "null or the schema", never both at once: `null` is taken out of an enum's values (it is
        /// said by the member), and "one of null or X" becomes "any of", since X may itself allow null (JsonElement).
        /// </summary>
        private static void Tidy(OpenApiSchema schema)
        {
            if (schema.Enum is { } values && values.Any(v => v is null))
                schema.Enum = values.Where(v => v is not null).ToList();
            if (schema.OneOf is { Count: > 0 } one && one.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null }))
            {
                schema.AnyOf = one;
                schema.OneOf = null;
            }
            foreach (var child in Children(schema).OfType<OpenApiSchema>()) Tidy(child);
        }

        private static void NullableItems(OpenApiSchema schema, HashSet<string> nullableEnums)
        {
            if (schema.Items is OpenApiSchemaReference { Reference.Id: { } id } item && nullableEnums.Contains(id))
                schema.Items = new OpenApiSchema { AnyOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, item] };
            foreach (var child in Children(schema).OfType<OpenApiSchema>()) NullableItems(child, nullableEnums);
        }

        private static IEnumerable<IOpenApiSchema> Children(OpenApiSchema schema) =>
            (schema.Properties?.Values ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AllOf ?? [])
            .Concat(schema.Items is null ? [] : [schema.Items])
            .Concat(schema.AdditionalProperties is null ? [] : [schema.AdditionalProperties]);

        private static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<IOpenApiSchema?> roots)
        {
            var seen = new HashSet<string>();
            var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
            while (pending.TryPop(out var next))
            {
                if (next is OpenApiSchemaReference { Reference.Id: { } id })
                {
                    if (seen.Add(id) && schemas.TryGetValue(id, out var target)) pending.Push(target);
                    continue;
                }
                if (next is OpenApiSchema s)
                    foreach (var child in Children(s)) pending.Push(child);
            }
            return seen;
        }
    }

    /// <summary>
    /// The limits the validators enforce, in the schema of the body that carries them: lengths, ranges, non-empty
    /// lists. A body `XRequest` is checked by the validator of command `X` (same member names); a type the validators
    /// check directly (an answer, an action) by its own. Rules that apply only under a condition are not stated.
    /// </summary>
    private sealed class ValidationLimits : IOpenApiSchemaTransformer
    {
        private static readonly Lazy<Dictionary<string, Type>> ValidatedTypes = new(() =>
            AssemblyScanner.FindValidatorsInAssemblyContaining<GuidanceFlow.Workflows.Reviews.CreateGridValidator>()
                .Select(r => r.InterfaceType.GetGenericArguments()[0])
                .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First()));

        public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
        {
            if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
                return Task.CompletedTask;
            var type = context.JsonTypeInfo.Type;
            var name = type.Name.EndsWith("Request", StringComparison.Ordinal) ? type.Name[..^"Request".Length] : type.Name;
            if (!ValidatedTypes.Value.TryGetValue(name, out var validated)) return Task.CompletedTask;
            // The command's own validator, and those of the shapes it shares (a decision's content, say) that it includes.
            var descriptors = new[] { validated }.Concat(validated.GetInterfaces())
                .Select(t => ValidatedTypes.Value.GetValueOrDefault(t.Name) == t
                    ? context.ApplicationServices.GetService(typeof(IValidator<>).MakeGenericType(t)) as IValidator : null)
                .OfType<IValidator>().Select(v => v.CreateDescriptor()).ToList();
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (property.AttributeProvider is not MemberInfo member || !schema.Properties.TryGetValue(property.Name, out var target)
                    || target is not OpenApiSchema s) continue;
                foreach (var rule in descriptors.SelectMany(d => d.GetRulesForMember(member.Name)))
                {
                    var each = rule.GetType().Name.StartsWith("CollectionPropertyRule", StringComparison.Ordinal);
                    var on = each ? s.Items as OpenApiSchema : s;
                    if (on is null) continue;
                    foreach (var component in rule.Components)
                        if (!component.HasCondition && !component.HasAsyncCondition) Limit(on, component.Validator);
                }
            }
            return Task.CompletedTask;
        }

        private static void Limit(OpenApiSchema s, IPropertyValidator validator)
        {
            var isString = s.Type?.HasFlag(JsonSchemaType.String) == true;
            var isArray = s.Type?.HasFlag(JsonSchemaType.Array) == true;
            var isNumber = s.Type?.HasFlag(JsonSchemaType.Number) == true || s.Type?.HasFlag(JsonSchemaType.Integer) == true;
            switch (validator)
            {
                case ILengthValidator length when isString:
                    if (length.Min > 0) s.MinLength = Math.Max(s.MinLength ?? 0, length.Min);
                    if (length.Max > 0) s.MaxLength = Math.Min(s.MaxLength ?? int.MaxValue, length.Max);
                    break;
                case INotEmptyValidator when isString && s.Format is null:
                    s.MinLength = Math.Max(s.MinLength ?? 0, 1);
                    break;
                case INotEmptyValidator when isArray:
                    s.MinItems = Math.Max(s.MinItems ?? 0, 1);
                    break;
                case IBetweenValidator between when isNumber && validator.Name == "InclusiveBetweenValidator":
                    s.Minimum = Number(between.From);
                    s.Maximum = Number(between.To);
                    break;
                case IComparisonValidator comparison when isNumber && comparison.ValueToCompare is not null:
                    var value = Number(comparison.ValueToCompare);
                    switch (comparison.Comparison)
                    {
                        case Comparison.GreaterThanOrEqual: s.Minimum = value; break;
                        case Comparison.GreaterThan: s.ExclusiveMinimum = value; break;
                        case Comparison.LessThanOrEqual: s.Maximum = value; break;
                        case Comparison.LessThan: s.ExclusiveMaximum = value; break;
                    }
                    break;
                case IEmailValidator when isString:
                    s.Format = "email";
                    break;
            }
        }

        private static string? Number(object? value) =>
            value is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GuidanceFlow.Api.Http;

/// <summary>Declares the Idempotency-Key header (and its 422) on every API write in the OpenAPI document.</summary>
public sealed class IdempotencyOpenApi : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var method = context.Description.HttpMethod?.ToUpperInvariant();
        if (method is not ("POST" or "PUT" or "PATCH" or "DELETE") || context.Description.RelativePath?.StartsWith("api/") != true)
            return Task.CompletedTask;
        operation.Parameters ??= [];
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
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("422", new OpenApiResponse { Description = "The Idempotency-Key was used for a different request." });
        return Task.CompletedTask;
    }
}

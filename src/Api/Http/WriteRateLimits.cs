using System.Security.Claims;
using System.Threading.RateLimiting;
using GuidanceFlow.Api.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace GuidanceFlow.Api.Http;

/// <summary>Per-user limit on writes, through the API or the pages (default 60 a minute), answered with 429 and Retry-After.</summary>
public static class WriteRateLimits
{
    public const string Policy = "writes";

    public static void AddWriteRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:WritesPerMinute", 60);
        services.AddRateLimiter(options =>
        {
            // Pages carry the policy on GET too; only their posts are counted.
            options.AddPolicy(Policy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(
                context.User.UserId() is { Length: > 0 } user ? user : context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString();
                // A page gets the NHS-styled 429 page from the status code pages; the API gets problem details.
                if (!rejected.HttpContext.Request.Path.StartsWithSegments("/api")) return;
                await Results.Problem(statusCode: 429, title: "Too many changes",
                    detail: $"You can make at most {perMinute} changes a minute. Wait a moment and try again.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }
}

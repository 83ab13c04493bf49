using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using GuidanceFlow.Api.Http;
using GuidanceFlow.Api.Identity;
using GuidanceFlow.Api.Reviews;
using GuidanceFlow.Projections.Reviews;
using GuidanceFlow.Workflows.Reviews;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Wolverine;
using Wolverine.Marten;
using Weasel.Core;
using JasperFx.Resources;

namespace GuidanceFlow.Api.Infrastructure;

public static class GuidanceFlowSetup
{
    public const string ConnectionName = "GuidanceFlow";

    /// <summary>Registers everything GuidanceFlow runs on, against the given PostgreSQL database.</summary>
    public static void AddGuidanceFlow(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        services.AddSingleton(new DatabaseConnection(connectionString));
        services.AddSingleton(TimeProvider.System);

        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql");

        services.AddValidatorsFromAssemblyContaining<CreateGridValidator>(ServiceLifetime.Singleton);
        services.AddScoped<CommandDispatcher>();

        AddSignIn(builder);

        // Production can apply the schema ahead of time (`-- db-apply`) and run without DDL rights.
        var applySchema = builder.Configuration.GetValue("GuidanceFlow:ApplySchemaOnStartup", true);

        var marten = services.AddMarten(opts =>
            {
                opts.Connection(connectionString);
                opts.AutoCreateSchemaObjects = applySchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                opts.DatabaseSchemaName = "guidanceflow";
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                // Who acted is kept with every event: user name plus actor headers.
                opts.Events.MetadataConfig.HeadersEnabled = true;
                opts.Events.MetadataConfig.UserNameEnabled = true;
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
                // Per-review views are inline: consistent on read right after a write.
                opts.Projections.Add<ReviewViewProjection>(ProjectionLifecycle.Inline);
                // The write model is folded live from the stream on every command, never stored.
                opts.Projections.Add<ReviewAggregation>(ProjectionLifecycle.Live);
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine();
        if (applySchema) marten.ApplyAllDatabaseChangesOnStartup();

        builder.Host.UseWolverine(opts =>
        {
            opts.UseRuntimeCompilation();
            opts.Discovery.IncludeAssembly(typeof(ReviewStream).Assembly);
            opts.Policies.AutoApplyTransactions();
            if (applySchema) opts.Services.AddResourceSetupOnStartup();
        });
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
    }

    private static void AddSignIn(WebApplicationBuilder builder)
    {
        var auth = builder.Services.AddAuthentication(DevelopmentAuthenticationHandler.Scheme);
        if (builder.Environment.IsDevelopment())
        {
            auth.AddScheme<AuthenticationSchemeOptions, DevelopmentAuthenticationHandler>(
                DevelopmentAuthenticationHandler.Scheme, null);
        }
        else if (builder.Configuration.GetValue<bool>("Authentication:Development:Enabled"))
        {
            throw new InvalidOperationException(
                "Development sign-in is enabled outside the Development environment; it can never be used there.");
        }
        else
        {
            throw new InvalidOperationException(
                $"No production sign-in is configured for the {builder.Environment.EnvironmentName} environment. " +
                "Until OpenID Connect lands, run GuidanceFlow with ASPNETCORE_ENVIRONMENT=Development.");
        }
        builder.Services.AddAuthorization(Policies.Add);
    }

    public static void MapGuidanceFlow(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The browsable API page is static and public; it sits before sign-in.
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "GuidanceFlow API");
            o.RoutePrefix = "docs";
            o.DocumentTitle = "GuidanceFlow API";
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/docs")).AllowAnonymous().ExcludeFromDescription();

        app.MapReviewCommands();
        app.MapReviewQueries();
    }
}

using Microsoft.AspNetCore.Authorization;

namespace GuidanceFlow.Api.Identity;

/// <summary>Who may do what. Enforced on the server for every route; the pages will use the same policies.</summary>
public static class Policies
{
    public const string Chair = "Chair";
    public const string Stakeholder = "Stakeholder";
    public const string FinancialImpact = "FinancialImpact";
    public const string Audit = "Audit";
    public const string Finance = "Finance";

    public static void Add(AuthorizationOptions options)
    {
        // Nothing is anonymous unless a route says so (health, API description).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Chair, p => p.RequireRole(Roles.Chair));
        options.AddPolicy(Stakeholder, p => p.RequireRole(Roles.Stakeholder));
        options.AddPolicy(FinancialImpact, p => p.RequireRole(Roles.FinanceLead, Roles.Chair));
        options.AddPolicy(Audit, p => p.RequireRole(Roles.Commissioner, Roles.Chair));
        options.AddPolicy(Finance, p => p.RequireRole(Roles.Commissioner, Roles.FinanceLead, Roles.Chair));
    }
}

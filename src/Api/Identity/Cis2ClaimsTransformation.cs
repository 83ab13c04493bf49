using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace GuidanceFlow.Api.Identity;

/// <summary>
/// Maps an NHS CIS2 (or Entra ID) identity to GuidanceFlow's user: id from nhsid_useruid (else sub),
/// organisation from the selected role in nhsid_nrbac_roles (named from nhsid_user_orgs), and
/// GuidanceFlow roles from that role's code through "Authentication:RoleMap", or from app roles
/// named like ours. A user with no mapped role is signed in but may do nothing.
/// </summary>
public sealed class Cis2ClaimsTransformation(IConfiguration configuration) : IClaimsTransformation
{
    private const string Marker = "guidanceflow:mapped";
    private static readonly string[] OurRoles = [Roles.Chair, Roles.Stakeholder, Roles.FinanceLead, Roles.Commissioner];

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.AuthenticationType == DevelopmentAuthenticationHandler.Scheme
            || identity.HasClaim(c => c.Type == Marker))
            return Task.FromResult(principal);

        var mapped = new ClaimsIdentity(identity.Claims, identity.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        string? First(params string[] types) => types.Select(t => identity.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        if (First(ClaimTypes.NameIdentifier) is null && First("nhsid_useruid", "sub", "oid") is { } id)
            mapped.AddClaim(new Claim(ClaimTypes.NameIdentifier, id));
        if (First(ClaimTypes.Name) is null && (First("name") ?? $"{First("given_name")} {First("family_name")}".Trim()) is { Length: > 0 } name)
            mapped.AddClaim(new Claim(ClaimTypes.Name, name));
        if (First(ClaimTypes.Email) is null && First("email") is { } email)
            mapped.AddClaim(new Claim(ClaimTypes.Email, email));

        var role = SelectedRole(identity);
        if (role?.OrgCode is { } orgCode)
        {
            mapped.AddClaim(new Claim(GuidanceFlowClaims.OrganisationCode, orgCode));
            mapped.AddClaim(new Claim(GuidanceFlowClaims.Organisation, OrganisationName(identity, orgCode) ?? orgCode));
        }

        var roleMap = configuration.GetSection("Authentication:RoleMap");
        var granted = new HashSet<string>();
        // CIS2 role codes look like S8000:G8000:R8000; the map is keyed by the role part (R8000).
        if (role?.RoleCode?.Split(':')[^1] is { } code && roleMap[code] is { } mappedRoles)
            foreach (var r in mappedRoles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) granted.Add(r);
        foreach (var appRole in identity.FindAll("roles").Select(c => c.Value).Where(OurRoles.Contains)) granted.Add(appRole);
        foreach (var r in granted.Where(OurRoles.Contains)) mapped.AddClaim(new Claim(ClaimTypes.Role, r));

        mapped.AddClaim(new Claim(Marker, "1"));
        return Task.FromResult(new ClaimsPrincipal(mapped));
    }

    private sealed record Cis2Role(string? OrgCode, string? RoleCode, string? RoleId);

    /// <summary>The role the user selected at sign-in (selected_roleid), else their first.</summary>
    private static Cis2Role? SelectedRole(ClaimsIdentity identity)
    {
        var roles = identity.FindAll("nhsid_nrbac_roles").SelectMany(c => Parse(c.Value)).ToList();
        var selected = identity.FindFirst("selected_roleid")?.Value;
        return roles.FirstOrDefault(r => r.RoleId == selected) ?? roles.FirstOrDefault();
    }

    private static IEnumerable<Cis2Role> Parse(string json)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException) { yield break; }
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        foreach (var item in items.Where(i => i.ValueKind == JsonValueKind.Object))
            yield return new Cis2Role(Text(item, "org_code"), Text(item, "role_code"), Text(item, "person_roleid"));
    }

    private static string? OrganisationName(ClaimsIdentity identity, string orgCode) =>
        identity.FindAll("nhsid_user_orgs").SelectMany(c =>
            {
                try
                {
                    var root = JsonDocument.Parse(c.Value).RootElement;
                    return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
                }
                catch (JsonException) { return []; }
            })
            .Where(o => o.ValueKind == JsonValueKind.Object && Text(o, "org_code") == orgCode)
            .Select(o => Text(o, "org_name")).FirstOrDefault();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Api.Identity;

public static class Roles
{
    public const string Chair = "Chair";
    public const string Stakeholder = "Stakeholder";
    public const string FinanceLead = "FinanceLead";
    public const string Commissioner = "Commissioner";
    public const string TriageLead = "TriageLead";
}

public sealed record DemoUser(
    string UserId,
    string Name,
    string Email,
    string Organisation,
    Sector Sector,
    Discipline Discipline,
    IReadOnlyList<string> Roles)
{
    /// <summary>The organisation's code (fictional, in the style of NHS ODS codes).</summary>
    public string OrganisationCode => DemoUsers.CodeOf(Organisation);

    /// <summary>The claims development sign-in gives this user, as a real sign-in would.</summary>
    public System.Security.Claims.ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<System.Security.Claims.Claim>
        {
            new(System.Security.Claims.ClaimTypes.NameIdentifier, UserId),
            new(System.Security.Claims.ClaimTypes.Name, Name),
            new(System.Security.Claims.ClaimTypes.Email, Email),
            new(GuidanceFlowClaims.Organisation, Organisation),
            new(GuidanceFlowClaims.OrganisationCode, OrganisationCode),
        };
        claims.AddRange(Roles.Select(r => new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, r)));
        return new(new System.Security.Claims.ClaimsIdentity(claims, scheme));
    }

    public Stakeholder AsStakeholder() => new(UserId, Name, Email, Organisation, Sector, Discipline, OrganisationCode);
}

/// <summary>
/// The people of one fictional health economy — an acute trust, a community provider, two GP
/// practices and the integrated care board — used by development sign-in, the demo data and the tests.
/// </summary>
public static class DemoUsers
{
    public const string Group = "Riverside NICE implementation group";

    private const string AcuteTrust = "Riverside Hospitals NHS Foundation Trust";
    private const string Community = "Riverside Community Health NHS Trust";
    private const string Oakfield = "Oakfield Medical Practice";
    private const string Millbrook = "Millbrook Surgery";
    private const string Icb = "Riverside Integrated Care Board";

    private static readonly DemoUser[] Core =
    [
        new("amara.okafor", "Dr Amara Okafor", "amara.okafor@riverside.example.nhs.uk", AcuteTrust, Sector.Secondary, Discipline.Consultant, [Roles.Chair]),
        new("tom.hadley", "Dr Tom Hadley", "tom.hadley@riverside.example.nhs.uk", AcuteTrust, Sector.Secondary, Discipline.Consultant, [Roles.Stakeholder]),
        new("priya.nair", "Priya Nair", "priya.nair@riverside.example.nhs.uk", AcuteTrust, Sector.Secondary, Discipline.Nurse, [Roles.Stakeholder]),
        new("gareth.lewis", "Gareth Lewis", "gareth.lewis@riverside.example.nhs.uk", AcuteTrust, Sector.Secondary, Discipline.Pharmacy, [Roles.Stakeholder]),
        new("hannah.moss", "Hannah Moss", "hannah.moss@riversidecommunity.example.nhs.uk", Community, Sector.Community, Discipline.AlliedHealthProfessional, [Roles.Stakeholder]),
        new("joan.petrie", "Joan Petrie", "joan.petrie@riversidecommunity.example.nhs.uk", Community, Sector.Community, Discipline.Nurse, [Roles.Stakeholder]),
        new("sunil.mehta", "Dr Sunil Mehta", "sunil.mehta@oakfield.example.nhs.uk", Oakfield, Sector.Primary, Discipline.GP, [Roles.Stakeholder]),
        new("claire.baxter", "Dr Claire Baxter", "claire.baxter@millbrook.example.nhs.uk", Millbrook, Sector.Primary, Discipline.GP, [Roles.Stakeholder]),
        new("ade.adeyemi", "Ade Adeyemi", "ade.adeyemi@oakfield.example.nhs.uk", Oakfield, Sector.Primary, Discipline.Pharmacy, [Roles.Stakeholder]),
        new("rachel.stone", "Rachel Stone", "rachel.stone@riversideicb.example.nhs.uk", Icb, Sector.Commissioner, Discipline.Management, [Roles.Commissioner, Roles.Stakeholder]),
        new("mark.fenwick", "Mark Fenwick", "mark.fenwick@riversideicb.example.nhs.uk", Icb, Sector.Commissioner, Discipline.Finance, [Roles.FinanceLead, Roles.Stakeholder]),
        new("margaret.ellis", "Margaret Ellis", "margaret.ellis@example.org", "Riverside patient panel", Sector.Lay, Discipline.LayRepresentative, [Roles.Stakeholder]),
    ];

    /// <summary>
    /// More colleagues of the same organisations, who can sign in but are not invited to the demo
    /// reviews: a large review (the benchmark's 200 recommendations × 20 stakeholders) needs them.
    /// </summary>
    private static readonly DemoUser[] MoreColleagues =
    [
        new("iris.chen", "Dr Iris Chen", "iris.chen@riverside.example.nhs.uk", AcuteTrust, Sector.Secondary, Discipline.Consultant, [Roles.Stakeholder]),
        new("owen.price", "Owen Price", "owen.price@riverside.example.nhs.uk", AcuteTrust, Sector.Secondary, Discipline.AlliedHealthProfessional, [Roles.Stakeholder]),
        new("bea.ward", "Bea Ward", "bea.ward@riverside.example.nhs.uk", AcuteTrust, Sector.Secondary, Discipline.IT, [Roles.Stakeholder]),
        new("kwame.boateng", "Kwame Boateng", "kwame.boateng@riversidecommunity.example.nhs.uk", Community, Sector.Community, Discipline.Pharmacy, [Roles.Stakeholder]),
        new("lucy.hart", "Lucy Hart", "lucy.hart@riversidecommunity.example.nhs.uk", Community, Sector.Community, Discipline.Management, [Roles.Stakeholder]),
        new("femi.ola", "Dr Femi Ola", "femi.ola@oakfield.example.nhs.uk", Oakfield, Sector.Primary, Discipline.GP, [Roles.Stakeholder]),
        new("nina.ross", "Nina Ross", "nina.ross@oakfield.example.nhs.uk", Oakfield, Sector.Primary, Discipline.Nurse, [Roles.Stakeholder]),
        new("dev.sharma", "Dev Sharma", "dev.sharma@millbrook.example.nhs.uk", Millbrook, Sector.Primary, Discipline.Pharmacy, [Roles.Stakeholder]),
        new("ellen.wood", "Ellen Wood", "ellen.wood@riversideicb.example.nhs.uk", Icb, Sector.Commissioner, Discipline.Audit, [Roles.Stakeholder]),
    ];

    /// <summary>
    /// People of other health economies: the chairs of other implementation groups, a commissioner, and a learning network's admin —
    /// who benchmarking compares Riverside with.
    /// </summary>
    private static readonly DemoUser[] Elsewhere =
    [
        new("wendy.shaw", "Dr Wendy Shaw", "wendy.shaw@westvale.example.nhs.uk", "Westvale Hospitals NHS Trust", Sector.Secondary, Discipline.Consultant, [Roles.Chair]),
        new("colin.baker", "Colin Baker", "colin.baker@westvaleicb.example.nhs.uk", "Westvale Integrated Care Board", Sector.Commissioner, Discipline.Management,
            [Roles.Commissioner]),
        new("sam.ortiz", "Dr Sam Ortiz", "sam.ortiz@southmere.example.nhs.uk", "Southmere Health NHS Foundation Trust", Sector.Secondary, Discipline.Consultant,
            [Roles.Chair]),
        new("hana.ito", "Hana Ito", "hana.ito@highfield.example.nhs.uk", "Highfield Hospitals NHS Trust", Sector.Secondary, Discipline.Nurse, [Roles.Chair]),
        new("leo.grant", "Dr Leo Grant", "leo.grant@lakeside.example.nhs.uk", "Lakeside Health NHS Trust", Sector.Secondary, Discipline.Consultant, [Roles.Chair]),
        new("nadia.khan", "Nadia Khan", "nadia.khan@northernnetwork.example.nhs.uk", "Northern learning and improvement network", Sector.Commissioner,
            Discipline.Management, []),
    ];

    public static readonly IReadOnlyList<DemoUser> All = [.. Core, .. MoreColleagues, .. Elsewhere];

    private static readonly Dictionary<string, string> Codes = new()
    {
        [AcuteTrust] = "RRV", [Community] = "RRC", [Oakfield] = "Y00101", [Millbrook] = "Y00102", [Icb] = "QRV",
        ["Riverside patient panel"] = "LAY01",
        ["Westvale Hospitals NHS Trust"] = "RWV", ["Westvale Integrated Care Board"] = "QWV", ["Southmere Health NHS Foundation Trust"] = "RSM",
        ["Highfield Hospitals NHS Trust"] = "RHF", ["Lakeside Health NHS Trust"] = "RLK", ["Northern learning and improvement network"] = "LIN01",
    };

    public static string CodeOf(string organisation) => Codes[organisation];

    public static DemoUser? Find(string? userId) => All.FirstOrDefault(u => u.UserId == userId);

    public static DemoUser Get(string userId) => Find(userId) ?? throw new ArgumentException($"No demo user {userId}.");

    /// <summary>Everyone but the chair and the extra colleagues: the people a demo review invites to respond.</summary>
    public static IEnumerable<DemoUser> Stakeholders => Core.Where(u => u.Roles.Contains(Roles.Stakeholder));
}

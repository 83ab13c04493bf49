using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GuidanceFlow.Domain.Reviews;

namespace GuidanceFlow.Domain.Catalogue;

/// <summary>A version of a NICE product as a source gives it (NICE's syndication API, an upload, a person).</summary>
public sealed record GuidanceDocument(
    string GuidanceNumber,
    GuidanceType Type,
    string Title,
    DateOnly Issued,
    DateTimeOffset LastModified,
    IReadOnlyList<CatalogueRecommendation> Recommendations,
    /// <summary>A technology appraisal's funding period when it states one ("within 30 days"); else NICE's usual 90.</summary>
    int? FundingDays = null);

public sealed record GuidanceProductPublished(
    Guid ProductId, string GuidanceNumber, GuidanceType Type, string Title, DateOnly Issued, DateTimeOffset LastModified,
    string Source, IReadOnlyList<CatalogueRecommendation> Recommendations, string RecordedBy, int? FundingDays = null);

public sealed record GuidanceProductUpdated(
    Guid ProductId, int Version, string Title, DateTimeOffset LastModified, string Source,
    IReadOnlyList<CatalogueRecommendation> Recommendations, IReadOnlyList<RecommendationChange> Changes, string RecordedBy, int? FundingDays = null);

public sealed record GuidanceProductWithdrawn(Guid ProductId, DateOnly On, string? ReplacedBy, string RecordedBy);

public enum GuidanceProductStatus { Current, Withdrawn }

/// <summary>
/// One NICE product in the national catalogue, shared by every group: its current version and that
/// version's recommendations. Its stream holds every version, so a review built on an older one can be
/// shown what changed.
/// </summary>
public sealed record GuidanceProduct(
    Guid Id,
    string GuidanceNumber,
    GuidanceType Type,
    string Title,
    DateOnly Issued,
    DateTimeOffset LastModified,
    int Version,
    IReadOnlyList<CatalogueRecommendation> Recommendations,
    GuidanceProductStatus Status,
    string? ReplacedBy)
{
    /// <summary>A technology appraisal's funding period as the appraisal states it, if it does.</summary>
    public int? FundingDays { get; init; }

    private static readonly Regex NumberShape = new(@"^[A-Z]{2,4}\d{1,4}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The same stream for the same product wherever it is imported from: an id derived from its number.</summary>
    public static Guid IdFor(string guidanceNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("guidanceflow:nice-product:" + Normalise(guidanceNumber)));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static string Normalise(string guidanceNumber) => guidanceNumber.Trim().ToUpperInvariant();

    public static bool IsGuidanceNumber(string guidanceNumber) => NumberShape.IsMatch(Normalise(guidanceNumber));

    /// <summary>The programme's prefix of a guidance number ("NG" of NG115): what people filter guidance types by.</summary>
    public static string ProgrammeOf(string guidanceNumber) => new(Normalise(guidanceNumber).TakeWhile(char.IsAsciiLetter).ToArray());

    public static GuidanceProduct? Evolve(GuidanceProduct? product, object e) => e switch
    {
        GuidanceProductPublished p => new(p.ProductId, p.GuidanceNumber, p.Type, p.Title, p.Issued, p.LastModified, 1,
            p.Recommendations, GuidanceProductStatus.Current, null) { FundingDays = p.FundingDays },
        GuidanceProductUpdated u when product is not null => product with
        {
            Version = u.Version, Title = u.Title, LastModified = u.LastModified, Recommendations = u.Recommendations, FundingDays = u.FundingDays,
        },
        GuidanceProductWithdrawn w when product is not null => product with { Status = GuidanceProductStatus.Withdrawn, ReplacedBy = w.ReplacedBy },
        _ => product,
    };
}

/// <summary>
/// A version of a product arrives (from NICE, an upload or by hand). The first one publishes it in the
/// catalogue; a later one with different words is a new version with its change per recommendation; the
/// same document again, or an older one, changes nothing — so an import can run any number of times.
/// </summary>
public sealed record RecordGuidanceVersion(GuidanceDocument Document, string Source, Actor Actor)
{
    public static Decision Decide(GuidanceProduct? product, RecordGuidanceVersion command, DateTimeOffset now)
    {
        var doc = command.Document;
        if (Problems(doc).FirstOrDefault() is { } problem) return Decision.Reject(problem);
        var number = GuidanceProduct.Normalise(doc.GuidanceNumber);
        var recommendations = doc.Recommendations.OrderBy(r => r.Number, RecommendationNumbers.Order).ToList();
        if (product is null)
            return Decision.Accept(new GuidanceProductPublished(GuidanceProduct.IdFor(number), number, doc.Type, doc.Title.Trim(),
                doc.Issued, doc.LastModified, command.Source, recommendations, command.Actor.UserId, doc.FundingDays));

        if (product.Status == GuidanceProductStatus.Withdrawn)
            return Decision.Reject($"{number} has been withdrawn from the catalogue{(product.ReplacedBy is { } by ? $" and replaced by {by}" : "")}; a new version cannot be recorded.");
        if (doc.LastModified <= product.LastModified) return Decision.Accept();
        var changes = RecommendationChanges.Between(product.Recommendations, recommendations);
        if (changes.Count == 0 && doc.Title.Trim() == product.Title && doc.FundingDays == product.FundingDays) return Decision.Accept();
        return Decision.Accept(new GuidanceProductUpdated(product.Id, product.Version + 1, doc.Title.Trim(), doc.LastModified,
            command.Source, recommendations, changes, command.Actor.UserId, doc.FundingDays));
    }

    /// <summary>What makes a document unusable, each in words an admin can act on; empty when it is sound.</summary>
    public static IEnumerable<string> Problems(GuidanceDocument doc)
    {
        if (!GuidanceProduct.IsGuidanceNumber(doc.GuidanceNumber))
            yield return $"'{doc.GuidanceNumber}' is not a NICE guidance number (letters then digits, for example NG136).";
        if (string.IsNullOrWhiteSpace(doc.Title)) yield return "The document has no title.";
        foreach (var bad in doc.Recommendations.Where(r => !RecommendationNumbers.IsValid(r.Number)))
            yield return $"'{bad.Number}' is not a recommendation number (two to four levels, for example 1.2.3).";
        foreach (var twice in doc.Recommendations.GroupBy(r => r.Number).Where(g => g.Count() > 1))
            yield return $"Recommendation {twice.Key} appears more than once.";
        foreach (var empty in doc.Recommendations.Where(r => string.IsNullOrWhiteSpace(r.Text)))
            yield return $"Recommendation {empty.Number} has no text.";
    }
}

/// <summary>NICE withdraws a product, sometimes replacing it with another; its page and versions stay.</summary>
public sealed record WithdrawGuidance(Guid ProductId, DateOnly On, string? ReplacedBy, Actor Actor)
{
    public static Decision Decide(GuidanceProduct? product, WithdrawGuidance command, DateTimeOffset now)
    {
        if (product is null) return Decision.Reject($"No NICE product in the catalogue has the id {command.ProductId}.");
        if (product.Status == GuidanceProductStatus.Withdrawn) return Decision.Accept();
        if (command.ReplacedBy is { } by && !GuidanceProduct.IsGuidanceNumber(by))
            return Decision.Reject($"'{by}' is not a NICE guidance number (letters then digits, for example NG136).");
        return Decision.Accept(new GuidanceProductWithdrawn(product.Id, command.On,
            command.ReplacedBy is null ? null : GuidanceProduct.Normalise(command.ReplacedBy), command.Actor.UserId));
    }
}

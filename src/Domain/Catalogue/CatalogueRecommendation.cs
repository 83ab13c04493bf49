using System.Text.RegularExpressions;

namespace GuidanceFlow.Domain.Catalogue;

/// <summary>
/// How firmly NICE words a recommendation. NICE says it in the verb: "offer", "refer" or "advise" for a
/// strong recommendation, "do not offer" against, "consider" where the evidence is less certain, and
/// "must" or "must not" where a law or regulation sets the duty.
/// </summary>
public enum RecommendationStrength { StrongFor, StrongAgainst, Conditional, LegalDuty, Other }

/// <summary>One recommendation of one version of a NICE product, as NICE published it.</summary>
/// <param name="Number">Its paragraph number, two to four levels: 1.2, 1.2.3, 1.6.1.8.</param>
/// <param name="Text">Its words, without the year tag.</param>
/// <param name="YearTag">The tag NICE ends it with, without brackets ("2019", "2004, amended 2011"), or null.</param>
public sealed record CatalogueRecommendation(string Number, string Text, string? YearTag, bool Withdrawn, RecommendationStrength Strength)
{
    private static readonly Regex TrailingYearTag = new(@"\s*\[(?<tag>\d{4}(?:\s*,\s*amended\s+\d{4}(?:\s+and\s+\d{4})?)?)\]\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // The first of these words in the text sets the strength: "Consider offering" is conditional, "Do not offer" is against.
    private static readonly Regex StrengthWord = new(@"\b(?<word>must not|must|do not|consider|offer|refer|advise)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex WithdrawnWording = new(@"\bthis recommendation has been withdrawn\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>A recommendation from its number and its published words (year tag and all).</summary>
    public static CatalogueRecommendation From(string number, string publishedText)
    {
        var text = Collapse(publishedText);
        string? tag = null;
        if (TrailingYearTag.Match(text) is { Success: true } m)
        {
            tag = Collapse(m.Groups["tag"].Value);
            text = text[..m.Index].TrimEnd();
        }
        var withdrawn = WithdrawnWording.IsMatch(text);
        return new(number.Trim(), text, tag, withdrawn, withdrawn ? RecommendationStrength.Other : StrengthOf(text));
    }

    public static RecommendationStrength StrengthOf(string text) =>
        StrengthWord.Match(text) is { Success: true } m
            ? m.Groups["word"].Value.ToLowerInvariant() switch
            {
                "must" or "must not" => RecommendationStrength.LegalDuty,
                "do not" => RecommendationStrength.StrongAgainst,
                "consider" => RecommendationStrength.Conditional,
                _ => RecommendationStrength.StrongFor,
            }
            : RecommendationStrength.Other;

    /// <summary>The strength in the words a chair would use on the grid.</summary>
    public static string Describe(RecommendationStrength strength) => strength switch
    {
        RecommendationStrength.StrongFor => "Strong: offer",
        RecommendationStrength.StrongAgainst => "Strong: do not offer",
        RecommendationStrength.Conditional => "Consider",
        RecommendationStrength.LegalDuty => "Legal duty: must",
        _ => "Not stated",
    };

    private static string Collapse(string text) => Regex.Replace(text.Trim(), @"\s+", " ");
}

/// <summary>NICE's paragraph numbers: two to four whole numbers joined by dots, ordered level by level.</summary>
public static class RecommendationNumbers
{
    public static bool IsValid(string number)
    {
        var parts = number.Split('.');
        return parts.Length is >= 2 and <= 4 && parts.All(p => p.Length is >= 1 and <= 4 && p.All(char.IsAsciiDigit));
    }

    /// <summary>1.2.10 after 1.2.9, 1.10 after 1.9, 1.2 before 1.2.1.</summary>
    public static readonly IComparer<string> Order = Comparer<string>.Create((a, b) =>
    {
        var (x, y) = (a.Split('.'), b.Split('.'));
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var byLevel = (int.TryParse(x[i], out var p) ? p : int.MaxValue).CompareTo(int.TryParse(y[i], out var q) ? q : int.MaxValue);
            if (byLevel != 0) return byLevel;
        }
        return x.Length.CompareTo(y.Length);
    });
}

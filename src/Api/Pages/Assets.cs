using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GuidanceFlow.Api.Pages;

/// <summary>
/// Our own scripts and styles addressed by their content ("/app/guidanceflow.css?v=1a2b3c4d5e6f"): a new version is a
/// new address, so browsers may keep each one for a year without asking again.
/// </summary>
public static class Assets
{
    private static readonly ConcurrentDictionary<string, string> Versions = new();

    public static string Root => Path.Combine(AppContext.BaseDirectory, "frontend");

    /// <summary>The address of a file under /app or /nhsuk, with its fingerprint.</summary>
    public static string Url(string path) => $"{path}?v={Fingerprint(path)}";

    public static string Fingerprint(string path) => Versions.GetOrAdd(path, p =>
    {
        var file = Path.Combine(Root, p.TrimStart('/'));
        return File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))[..12] : "missing";
    });
}

using System.Text.Json;

namespace GuidanceFlow.Api.Queries;

/// <summary>One field of the shared view that differs between two versions.</summary>
public sealed record FieldChange(string Path, JsonElement? Before, JsonElement? After);

/// <summary>
/// A flat list of changed fields ("recommendations[0].compliance.met: 1 → 2"): what a commissioner
/// reads when asking what changed between two versions. Lists are compared position by position.
/// </summary>
public static class JsonDiff
{
    public static IReadOnlyList<FieldChange> Between(JsonElement before, JsonElement after)
    {
        var changes = new List<FieldChange>();
        Walk("", before, after, changes);
        return changes;
    }

    private static void Walk(string path, JsonElement before, JsonElement after, List<FieldChange> changes)
    {
        var beforeKind = before.ValueKind;
        var afterKind = after.ValueKind;
        if (beforeKind == JsonValueKind.Object && afterKind == JsonValueKind.Object)
        {
            var names = before.EnumerateObject().Select(p => p.Name).Union(after.EnumerateObject().Select(p => p.Name));
            foreach (var name in names)
                Walk(path.Length == 0 ? name : $"{path}.{name}", Property(before, name), Property(after, name), changes);
            return;
        }
        if (beforeKind == JsonValueKind.Array && afterKind == JsonValueKind.Array)
        {
            var left = before.EnumerateArray().ToList();
            var right = after.EnumerateArray().ToList();
            for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
                Walk($"{path}[{i}]", i < left.Count ? left[i] : default, i < right.Count ? right[i] : default, changes);
            return;
        }
        if (Same(before, after)) return;
        changes.Add(new FieldChange(path, Value(before), Value(after)));
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : default;

    private static bool Same(JsonElement a, JsonElement b) =>
        Absent(a) && Absent(b) || a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText();

    private static bool Absent(JsonElement e) => e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    private static JsonElement? Value(JsonElement e) => Absent(e) ? null : e.Clone();
}

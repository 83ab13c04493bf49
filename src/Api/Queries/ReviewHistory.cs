using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using GuidanceFlow.Domain.Reviews;
using GuidanceFlow.Projections;
using JasperFx.Events;

namespace GuidanceFlow.Api.Queries;

public sealed record HistoryEntry(
    long Sequence, long Version, string Type, DateTimeOffset Timestamp, ActorRef Actor, JsonElement Data);

public sealed record ReviewChanges(long From, long To, IReadOnlyList<FieldChange> Changes, IReadOnlyList<HistoryEntry> Events);


/// <summary>A review's events as people read them: who did what and when; and the same as CSV or JSON lines to download.</summary>
public static class ReviewHistory
{
    public static HistoryEntry Entry(IEvent e, JsonSerializerOptions options) => new(
        e.Sequence, e.Version, e.EventType.Name, e.Timestamp, ActorHeaders.Of(e),
        JsonSerializer.SerializeToElement(e.Data, e.EventType, options));

    public static readonly string[] CsvFixedColumns =
        ["sequence", "version", "timestamp_utc", "timestamp_uk", "type", "actor_id", "actor_name", "actor_organisation", "actor_role"];

    /// <summary>
    /// One row an event, one column a field: after who and when, a column for each field any of the events has
    /// (in the order they first appear; the review's id, the same on every row, left out), each written as words —
    /// a list one item a line, an item's parts "name: value" — so a spreadsheet reader never meets raw JSON.
    /// </summary>
    public static string Csv(IReadOnlyList<IEvent> events, JsonSerializerOptions options)
    {
        var entries = events.Select(e => Entry(e, options)).ToList();
        var fields = entries.SelectMany(e => e.Data.ValueKind == JsonValueKind.Object ? e.Data.EnumerateObject().Select(p => p.Name) : [])
            .Where(n => n != "reviewId").Distinct().ToList();
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text))
        {
            csv.WriteRecord([.. CsvFixedColumns, .. fields]);
            foreach (var entry in entries)
            {
                var values = fields.Select(f => entry.Data.ValueKind == JsonValueKind.Object && entry.Data.TryGetProperty(f, out var v) ? Readable(v) : "");
                // Everything but our own numbers and times was typed by people: never let a spreadsheet run it.
                csv.WriteRecord([
                    entry.Sequence.ToString(CultureInfo.InvariantCulture), entry.Version.ToString(CultureInfo.InvariantCulture),
                    entry.Timestamp.UtcDateTime.ToString("O"), UkTime.Format(entry.Timestamp), entry.Type, SpreadsheetText.Safe(entry.Actor.UserId),
                    SpreadsheetText.Safe(entry.Actor.Name), SpreadsheetText.Safe(entry.Actor.Organisation), SpreadsheetText.Safe(entry.Actor.Role),
                    .. values.Select(SpreadsheetText.Safe),
                ]);
            }
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>A field's value as a person reads it.</summary>
    private static string Readable(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(value.EnumerateArray().Any(i => i.ValueKind is JsonValueKind.Object or JsonValueKind.Array) ? "\n" : "; ",
            value.EnumerateArray().Select(Readable)),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => $"{p.Name}: {Readable(p.Value)}")),
        _ => "",
    };

    public static string JsonLines(IReadOnlyList<IEvent> events, JsonSerializerOptions options)
    {
        var compact = new JsonSerializerOptions(options) { WriteIndented = false };
        return string.Concat(events.Select(e => JsonSerializer.Serialize(Entry(e, options), compact) + "\n"));
    }
}

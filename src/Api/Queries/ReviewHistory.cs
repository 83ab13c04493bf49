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

    public static string Csv(IReadOnlyList<IEvent> events, JsonSerializerOptions options)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text))
        {
            csv.WriteRecord(["sequence", "version", "timestamp_utc", "timestamp_uk", "type", "actor_id", "actor_name",
                "actor_organisation", "actor_role", "data"]);
            foreach (var entry in events.Select(e => Entry(e, options)))
                // Who acted comes from sign-in claims, typed by people: never let a spreadsheet run it.
                csv.WriteRecord([
                    entry.Sequence.ToString(CultureInfo.InvariantCulture), entry.Version.ToString(CultureInfo.InvariantCulture),
                    entry.Timestamp.UtcDateTime.ToString("O"), UkTime.Format(entry.Timestamp), entry.Type, SpreadsheetText.Safe(entry.Actor.UserId),
                    SpreadsheetText.Safe(entry.Actor.Name), SpreadsheetText.Safe(entry.Actor.Organisation), SpreadsheetText.Safe(entry.Actor.Role),
                    SpreadsheetText.Safe(entry.Data.GetRawText()),
                ]);
            csv.Flush();
        }
        return text.ToString();
    }

    public static string JsonLines(IReadOnlyList<IEvent> events, JsonSerializerOptions options)
    {
        var compact = new JsonSerializerOptions(options) { WriteIndented = false };
        return string.Concat(events.Select(e => JsonSerializer.Serialize(Entry(e, options), compact) + "\n"));
    }
}

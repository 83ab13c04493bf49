using System.Globalization;

namespace GuidanceFlow.Api.Pages;

/// <summary>A date typed into the NHS date input: day, month and year boxes.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly? date) => date is { } d
        ? new DateParts { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>The date, or null with the message NHS services give for each way a date can be wrong.</summary>
    public DateOnly? Read(string field, string what, FormErrors errors, bool required)
    {
        if (IsEmpty)
        {
            if (required) errors.Add(field, $"Enter {what}");
            return null;
        }
        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            errors.Add(field, $"{Capitalise(what)} must include a {string.Join(" and ", missing)}");
            return null;
        }
        if (int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1000 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            return new DateOnly(year, month, day);
        errors.Add(field, $"{Capitalise(what)} must be a real date");
        return null;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

public static class FormValues
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>An amount in pounds as people type it ("1500", "£1,500.50"); empty is null.</summary>
    public static decimal? Money(string? text, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = text.Trim().TrimStart('£').Replace(",", "").Trim();
        if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            && decimal.Round(amount, 2) == amount)
            return amount;
        errors.Add(field, "Enter an amount in pounds, like 1500 or 1500.50");
        return null;
    }

    public static int? WholeNumber(string? text, string field, string what, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, $"Enter {what}");
            return null;
        }
        if (int.TryParse(text.Trim().Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, $"{what[..1].ToUpperInvariant()}{what[1..]} must be a whole number, like 250000");
        return null;
    }

    /// <summary>A time of day typed as "17:00", "5pm" or "5:30pm".</summary>
    public static TimeOnly? Time(string? text, string field, FormErrors errors)
    {
        var value = (text ?? "").Trim().ToLowerInvariant().Replace(".", ":");
        if (value.Length == 0) return new TimeOnly(17, 0);
        string[] formats = ["H:mm", "HH:mm", "h:mmtt", "htt", "h:mm tt", "h tt"];
        if (DateTime.TryParseExact(value.ToUpperInvariant(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return TimeOnly.FromDateTime(parsed);
        errors.Add(field, "Enter a time like 17:00 or 5pm");
        return null;
    }

    public static string Pounds(decimal amount) => amount.ToString("C0", EnGb);
    public static string Pounds(decimal? amount) => amount is { } a ? a.ToString("C2", EnGb).Replace(".00", "") : "";
    public static string Number(decimal? amount) => amount is { } a ? a.ToString("0.##", CultureInfo.InvariantCulture) : "";
}

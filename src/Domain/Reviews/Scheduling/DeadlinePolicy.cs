namespace GuidanceFlow.Domain.Reviews;

/// <summary>
/// A group's local timeframes (there is no national standard; see DOMAIN.md). The defaults are the
/// typical ones: reminders 7 days and 1 day before the response deadline, financial impact 2 weeks
/// after responses close, review 12 months after a decision.
/// </summary>
public sealed record DeadlinePolicy(
    IReadOnlyList<int> ReminderDaysBefore,
    int FinancialImpactDueDays = 14,
    int ReviewAfterMonths = 12)
{
    public static readonly DeadlinePolicy Default = new([7, 1]);

    /// <summary>Technology appraisals: funding within 90 days of publication unless the appraisal says otherwise (30 days for some).</summary>
    public const int FundingDays = 90;

    /// <summary>Warnings two thirds and eight ninths of the way through the funding period: days 60 and 80 of 90, 20 and 27 of 30.</summary>
    public static IReadOnlyList<int> FundingWarningDays(int period) =>
        new[] { (int)Math.Round(period * 2 / 3.0), (int)Math.Round(period * 8 / 9.0) }.Where(d => d >= 1 && d < period).Distinct().ToList();

    /// <summary>Alerts that fall on a date go out at 09:00 UK time, in the working day.</summary>
    public static readonly TimeOnly AlertTimeOfDay = new(9, 0);

    /// <summary>When a decision's review date falls due: 09:00 UK time that day.</summary>
    public static DateTimeOffset ReviewDueAt(DateOnly reviewDate) => UkTime.At(reviewDate, AlertTimeOfDay);
}

/// <summary>UK time: how GuidanceFlow shows every instant, daylight saving included.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The UK calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToUk(instant).DateTime);

    /// <summary>"Friday 5 December 2025, 5:00pm (GMT)".</summary>
    public static string Format(DateTimeOffset instant)
    {
        var uk = ToUk(instant);
        var suffix = Zone.IsDaylightSavingTime(uk) ? "BST" : "GMT";
        var hour = uk.Hour % 12 == 0 ? 12 : uk.Hour % 12;
        return $"{uk.ToString("dddd d MMMM yyyy", EnGb)}, {hour}:{uk:mm}{(uk.Hour < 12 ? "am" : "pm")} ({suffix})";
    }

    public static string Format(DateOnly date) => date.ToString("dddd d MMMM yyyy", EnGb);

    private static readonly System.Globalization.CultureInfo EnGb = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
}

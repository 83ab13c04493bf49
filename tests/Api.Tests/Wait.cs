namespace GuidanceFlow.Api.Tests;

/// <summary>Waits on a condition, never a fixed sleep: polls until it holds or the time is up.</summary>
public static class Wait
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {seconds}s for {what}; last seen: {Describe(last)}");
            await Task.Delay(200);
        }
    }

    public static Task<T> Until<T>(Func<T> probe, Func<T, bool> done, string what, int seconds = 120) =>
        Until(() => Task.FromResult(probe()), done, what, seconds);

    /// <summary>Until a moment has passed: for "after the deadline" in tests of deadlines.</summary>
    public static Task Past(DateTimeOffset moment, string what, int seconds = 120) =>
        Until(() => DateTimeOffset.UtcNow, now => now > moment, what, seconds);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable list and not string => $"[{string.Join(", ", list.Cast<object?>().Take(20))}]",
        _ => value.ToString() ?? "",
    };
}

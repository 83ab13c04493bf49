namespace GuidanceFlow.Api.Tests;

/// <summary>
/// Deadlines a few seconds ahead, for tests of deadlines that fire for real on the wall clock.
/// Each deadline is taken from the moment its request is sent. The steps that must happen before it
/// (a response, stopping an instance) run through <see cref="Before{T}"/>: if one finished only after
/// the deadline — the machine was too busy for the room given, not a fault of GuidanceFlow — the
/// whole scenario runs again on a new review with twice the room.
/// </summary>
public static class Soon
{
    public static async Task<T> WithRoom<T>(Func<TimeSpan, Task<T>> scenario, double firstSeconds = 6, int attempts = 5)
    {
        var room = TimeSpan.FromSeconds(firstSeconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await scenario(room);
            }
            catch (TooLate late) when (attempt < attempts)
            {
                Console.WriteLine($"Soon: {late.Message}; again with {room.TotalSeconds * 2}s of room.");
                room *= 2;
            }
        }
    }

    public static Task WithRoom(Func<TimeSpan, Task> scenario, double firstSeconds = 6, int attempts = 5) =>
        WithRoom(async room => { await scenario(room); return true; }, firstSeconds, attempts);

    /// <summary>A moment <paramref name="room"/> from now: call it as the request carrying it is built.</summary>
    public static DateTimeOffset In(TimeSpan room) => DateTimeOffset.UtcNow + room;

    /// <summary>
    /// Runs a step that the scenario needs done before <paramref name="deadline"/>. Whatever the step
    /// answered, if the deadline has passed by the time it returns the scenario is void: <see cref="TooLate"/>.
    /// </summary>
    public static async Task<T> Before<T>(DateTimeOffset deadline, string what, Func<Task<T>> step)
    {
        try
        {
            var result = await step();
            if (DateTimeOffset.UtcNow >= deadline) throw new TooLate(what, deadline);
            return result;
        }
        catch (Exception e) when (e is not TooLate && DateTimeOffset.UtcNow >= deadline)
        {
            throw new TooLate(what, deadline, e);
        }
    }

    public static Task Before(DateTimeOffset deadline, string what, Func<Task> step) =>
        Before(deadline, what, async () => { await step(); return true; });
}

/// <summary>A step meant to come before a deadline finished after it, on a machine slower than planned.</summary>
public sealed class TooLate(string what, DateTimeOffset deadline, Exception? inner = null)
    : Exception($"{what} finished after the deadline {deadline:HH:mm:ss.fff}", inner);

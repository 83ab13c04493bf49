namespace GuidanceFlow.Bench;

/// <summary>CPU time and memory of processes, read from /proc (Linux, which is what this suite runs on).</summary>
public static class ProcessStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User plus system CPU seconds of a live process; with <paramref name="withReapedChildren"/>, also of its children that have exited.</summary>
    public static double CpuSeconds(int pid, bool withReapedChildren = false)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int n) => double.Parse(fields[n - 3]);
        var ticks = Field(14) + Field(15) + (withReapedChildren ? Field(16) + Field(17) : 0);
        return ticks / TicksPerSecond;
    }

    /// <summary>The peak resident memory of a process so far (VmHWM), in MB.</summary>
    public static double PeakResidentMb(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    public static double ResidentMb(int pid) => StatusKb(pid, "VmRSS:") / 1024.0;

    private static double StatusKb(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key));
        return line is null ? double.NaN : double.Parse(line[key.Length..].Trim().Split(' ')[0]);
    }

    /// <summary>
    /// Every CPU second PostgreSQL has spent: the postmaster, its live children (backends, writers)
    /// and, through the postmaster's child counters, the backends that have already exited.
    /// </summary>
    public static double PostgresCpuSeconds(int postmasterPid)
    {
        var total = CpuSeconds(postmasterPid, withReapedChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmasterPid) continue;
            try
            {
                var status = File.ReadLines($"{dir}/status").FirstOrDefault(l => l.StartsWith("PPid:"));
                if (status is not null && int.Parse(status[5..].Trim()) == postmasterPid) total += CpuSeconds(pid);
            }
            catch (IOException) { }         // exited while we looked
            catch (UnauthorizedAccessException) { }
        }
        return total;
    }
}

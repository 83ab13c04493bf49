namespace GuidanceFlow.Bench;

/// <summary>Repeated samples of one measure: the median and the range are what the table shows.</summary>
public sealed class Samples(string unit)
{
    private readonly List<double> _values = [];
    public string Unit { get; } = unit;
    public void Add(double value) => _values.Add(value);
    public int Count => _values.Count;
    public double Median => Percentile(_values, 0.5);
    public double Min => _values.Count == 0 ? double.NaN : _values.Min();
    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public string Describe(string format = "0.##") =>
        Count == 0 ? "—" : Count == 1 ? $"{Median.ToString(format)} {Unit}"
            : $"{Median.ToString(format)} {Unit} ({Min.ToString(format)}–{Max.ToString(format)})";
}

/// <summary>One line of the results table: what was measured, the figure, what it is compared with and the bound.</summary>
public sealed record Row(string Measure, string Figure, string Bound, bool? Holds);

/// <summary>The table the suite prints: markdown, so it can be pasted into the README as it is.</summary>
public static class Table
{
    public static string Render(IEnumerable<Row> rows, string heading)
    {
        var lines = new List<string>
        {
            heading, "",
            "| measure | measured: median (min–max) | bound | holds |",
            "|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r => $"| {r.Measure} | {r.Figure} | {r.Bound} | {r.Holds switch { true => "yes", false => "**no**", null => "—" }} |"));
        return string.Join(Environment.NewLine, lines);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using GuidanceFlow.Domain.Improvement;
using Microsoft.AspNetCore.Html;

namespace GuidanceFlow.Api.Pages;

/// <summary>One bar: a level's value (null: not shown, with why), and whether it is the viewer's own.</summary>
public sealed record ChartBar(string Label, decimal? Value, string? Missing, bool You);

/// <summary>One line of a chart over quarters.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, bool You);

/// <summary>One dot: a group, in a category (a compliance) or at a value; named only where the rules name it.</summary>
public sealed record ChartDot(string? Label, bool You, int Category, decimal Value);

/// <summary>One stacked bar of shares (met, partly, not met, not applicable), each share 0 to 1.</summary>
public sealed record ChartShares(string Label, IReadOnlyList<decimal>? Shares, string? Missing, bool You);

/// <summary>
/// Charts drawn on the server as SVG, readable without JavaScript: each an image with a title and a description in words, and
/// the same figures in a table beside it (the page's). Shapes and patterns tell series apart, not colour alone: the viewer's own
/// bar is solid, others hatched; each line has its own dash and marker; each share its own fill. Drawn 320 units wide so the text
/// stays readable on a 320 px screen, scaled up to at most one and a half times that on wider ones.
/// </summary>
public static class Charts
{
    private const int Width = 320;
    private static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The patterns every chart uses, once per page.</summary>
    public static IHtmlContent Patterns() => new HtmlString("""
        <svg class="app-chart__defs" aria-hidden="true" focusable="false" width="0" height="0">
          <defs>
            <pattern id="gf-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e8edee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#4c6272" stroke-width="2.5"/></pattern>
            <pattern id="gf-cross" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="#d5281b" stroke-width="1.6"/></pattern>
            <pattern id="gf-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.2" fill="#4c6272"/></pattern>
            <pattern id="gf-lines" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ed8b00" stroke-width="2.5"/></pattern>
          </defs>
        </svg>
        """);

    private static StringBuilder Open(string id, string title, string description, int height, bool standalone = false)
    {
        var svg = new StringBuilder();
        if (standalone)
        {
            // A file of its own: the SVG namespace, a size to open at, and the tick style the page's stylesheet gives otherwise.
            svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width * 2}\" height=\"{height * 2}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\">");
            svg.Append($"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
            svg.Append("<style>.app-chart__tick{font:8px Arial,sans-serif;fill:#4c6272}</style><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
            return svg;
        }
        svg.Append($"<figure class=\"app-chart\"><svg class=\"app-chart__svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" ");
        svg.Append($"preserveAspectRatio=\"xMinYMin meet\" focusable=\"false\"><title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        return svg;
    }

    private static IHtmlContent Close(StringBuilder svg) => new HtmlString(svg.Append("</svg></figure>").ToString());

    /// <summary>Horizontal bars, a label above each; the viewer's own solid, the others hatched; a level not shown says why in place of its bar.</summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<ChartBar> bars, Func<decimal, string> format)
    {
        const int row = 40, barHeight = 16, valueRoom = 90;
        var max = (double)Math.Max(bars.Where(b => b.Value is not null).Select(b => b.Value!.Value).DefaultIfEmpty(0).Max(), 0.0001m);
        var svg = Open(id, title, description, bars.Count * row + 4);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = i * row;
            svg.Append($"<text x=\"0\" y=\"{y + 13}\" class=\"app-chart__label{(b.You ? " app-chart__label--you" : "")}\">{E(b.Label)}</text>");
            if (b.Value is { } v)
            {
                var w = Math.Max(2, (Width - valueRoom) * (double)v / max);
                svg.Append($"<rect x=\"0\" y=\"{y + 18}\" width=\"{N(w)}\" height=\"{barHeight}\" fill=\"{(b.You ? "#005eb8" : "url(#gf-hatch)")}\" stroke=\"{(b.You ? "#003087" : "#4c6272")}\"/>");
                svg.Append($"<text x=\"{N(w + 6)}\" y=\"{y + 31}\" class=\"app-chart__value\">{E(format(v))}</text>");
            }
            else svg.Append($"<text x=\"0\" y=\"{y + 31}\" class=\"app-chart__missing\">{E(b.Missing ?? "No figure")}</text>");
        }
        return Close(svg);
    }

    private static readonly string[] Dashes = ["", "6 4", "2 3", "8 3 2 3"];
    private static readonly string[] Strokes = ["#005eb8", "#4c6272", "#007f3b", "#330072"];

    private static string Marker(int series, double x, double y, string colour) => (series % 4) switch
    {
        0 => $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"4\" fill=\"{colour}\"/>",
        1 => $"<rect x=\"{N(x - 3.5)}\" y=\"{N(y - 3.5)}\" width=\"7\" height=\"7\" fill=\"{colour}\"/>",
        2 => $"<path d=\"M{N(x)} {N(y - 4.5)}L{N(x + 4.5)} {N(y + 3.5)}L{N(x - 4.5)} {N(y + 3.5)}Z\" fill=\"{colour}\"/>",
        _ => $"<path d=\"M{N(x)} {N(y - 5)}L{N(x + 5)} {N(y)}L{N(x)} {N(y + 5)}L{N(x - 5)} {N(y)}Z\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
    };

    /// <summary>A small sample of a series' line and marker, for the legend beside the chart.</summary>
    public static IHtmlContent Swatch(int series) => new HtmlString(
        $"<svg class=\"app-chart__swatch\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 30 12\" width=\"30\" height=\"12\">" +
        $"<line x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\" stroke=\"{Strokes[series % 4]}\" stroke-width=\"{(series == 0 ? 3 : 2)}\" stroke-dasharray=\"{Dashes[series % 4]}\"/>" +
        Marker(series, 15, 6, Strokes[series % 4]) + "</svg>");

    /// <summary>Lines over quarters, one per series (the first the viewer's own, thicker), each with its own dash and marker; gaps where no figure.</summary>
    public static IHtmlContent Lines(string id, string title, string description, IReadOnlyList<string> quarters, IReadOnlyList<ChartSeries> series,
        Func<decimal, string> format)
    {
        const int height = 170, top = 12, bottom = 136, left = 4, right = Width - 8;
        var values = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => (double)v!.Value).ToList();
        var max = values.Count == 0 ? 1 : Math.Max(values.Max(), 0.0001);
        double X(int i) => quarters.Count == 1 ? (left + right) / 2.0 : left + (right - left) * i / (double)(quarters.Count - 1);
        double Y(decimal v) => bottom - (bottom - top) * (double)v / max;
        var svg = Open(id, title, description, height);
        svg.Append($"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" class=\"app-chart__axis\"/>");
        svg.Append($"<text x=\"{left}\" y=\"{top - 2}\" class=\"app-chart__tick\">{E(format((decimal)max))}</text>");
        svg.Append($"<text x=\"{left}\" y=\"{bottom + 14}\" class=\"app-chart__tick\">{E(quarters.FirstOrDefault())}</text>");
        if (quarters.Count > 1) svg.Append($"<text x=\"{right}\" y=\"{bottom + 14}\" text-anchor=\"end\" class=\"app-chart__tick\">{E(quarters[^1])}</text>");
        for (var s = series.Count - 1; s >= 0; s--)
        {
            var colour = Strokes[s % 4];
            var points = series[s].Values.Select((v, i) => (v, i)).ToList();
            // A line joins consecutive quarters that both have a figure; a lone figure is its marker only.
            var path = new StringBuilder();
            for (var i = 0; i < points.Count; i++)
                if (points[i].v is { } v) path.Append(i > 0 && points[i - 1].v is not null ? "L" : "M").Append($"{N(X(i))} {N(Y(v))}");
            if (path.Length > 0)
                svg.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(series[s].You ? 3 : 2)}\" stroke-dasharray=\"{Dashes[s % 4]}\"/>");
            foreach (var (v, i) in points)
                if (v is { } value) svg.Append(Marker(s, X(i), Y(value), colour));
        }
        svg.Append($"<text x=\"{left}\" y=\"{height - 4}\" class=\"app-chart__tick\">0 at the axis</text>");
        return Close(svg);
    }

    private static readonly string[] ShareFills = ["#007f3b", "url(#gf-lines)", "url(#gf-cross)", "url(#gf-dots)"];

    /// <summary>Stacked bars of compliance shares: met solid, partly met striped, not met crossed, not applicable dotted.</summary>
    public static IHtmlContent Shares(string id, string title, string description, IReadOnlyList<ChartShares> bars)
    {
        const int row = 42, barHeight = 18;
        var svg = Open(id, title, description, bars.Count * row + 2);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = i * row;
            svg.Append($"<text x=\"0\" y=\"{y + 13}\" class=\"app-chart__label{(b.You ? " app-chart__label--you" : "")}\">{E(b.Label)}</text>");
            if (b.Shares is null)
            {
                svg.Append($"<text x=\"0\" y=\"{y + 32}\" class=\"app-chart__missing\">{E(b.Missing ?? "No figure")}</text>");
                continue;
            }
            double x = 0;
            for (var k = 0; k < b.Shares.Count; k++)
            {
                var w = (Width - 2) * (double)b.Shares[k];
                if (w > 0) svg.Append($"<rect x=\"{N(x)}\" y=\"{y + 18}\" width=\"{N(w)}\" height=\"{barHeight}\" fill=\"{ShareFills[k]}\" stroke=\"#212b32\" stroke-width=\"0.6\"/>");
                x += w;
            }
        }
        return Close(svg);
    }

    /// <summary>A sample of a share's fill, for the legend.</summary>
    public static IHtmlContent ShareSwatch(int share) => new HtmlString(
        $"<svg class=\"app-chart__swatch\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\"><rect x=\"0.5\" y=\"0.5\" width=\"15\" height=\"15\" fill=\"{ShareFills[share]}\" stroke=\"#212b32\"/></svg>");

    /// <summary>
    /// Groups as dots in rows by category (compliance: met, partly, not met, not applicable), sixteen to a line; the viewer's own
    /// a large square with a label, the others circles.
    /// </summary>
    public static IHtmlContent CategoryDots(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartDot> dots)
    {
        const int perLine = 16, step = 18, labelRoom = 18;
        var rows = categories.Select((_, c) => dots.Where(d => d.Category == c).OrderByDescending(d => d.You).ToList()).ToList();
        var heights = rows.Select(r => labelRoom + Math.Max(1, (r.Count + perLine - 1) / perLine) * step + 6).ToList();
        var svg = Open(id, title, description, heights.Sum());
        var y = 0;
        for (var c = 0; c < categories.Count; c++)
        {
            svg.Append($"<text x=\"0\" y=\"{y + 13}\" class=\"app-chart__label\">{E($"{categories[c]}: {rows[c].Count}")}</text>");
            for (var i = 0; i < rows[c].Count; i++)
            {
                var d = rows[c][i];
                var cx = 9 + i % perLine * step;
                var cy = y + labelRoom + i / perLine * step + 9;
                svg.Append(d.You
                    ? $"<rect x=\"{cx - 7}\" y=\"{cy - 7}\" width=\"14\" height=\"14\" fill=\"#005eb8\" stroke=\"#003087\" stroke-width=\"2\"><title>{E(d.Label ?? "Your group")}</title></rect>"
                    : $"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"6\" fill=\"url(#gf-hatch)\" stroke=\"#4c6272\"><title>{E(d.Label ?? "Another group")}</title></circle>");
            }
            y += heights[c];
        }
        return Close(svg);
    }

    /// <summary>
    /// Groups as dots along a scale (a measure's value), stacked where they meet; the viewer's own a large square; the area's and
    /// England's figures as reference lines (dashed, dotted) named below.
    /// </summary>
    public static IHtmlContent ValueDots(string id, string title, string description, IReadOnlyList<ChartDot> dots,
        IReadOnlyList<(string Name, decimal Value)> references, Func<decimal, string> format)
    {
        const int left = 8, right = Width - 8, axis = 96;
        var all = dots.Select(d => d.Value).Concat(references.Select(r => r.Value)).ToList();
        var max = (double)Math.Max(all.DefaultIfEmpty(0).Max(), 0.0001m);
        double X(decimal v) => left + (right - left) * (double)v / max;
        var svg = Open(id, title, description, axis + 30 + references.Count * 16);
        var stacks = new Dictionary<int, int>();
        foreach (var d in dots.OrderBy(d => d.Value))
        {
            var x = X(d.Value);
            var bin = (int)(x / 12);
            var level = stacks[bin] = stacks.GetValueOrDefault(bin) + 1;
            var y = axis - 10 - (level - 1) * 14;
            svg.Append(d.You
                ? $"<rect x=\"{N(x - 7)}\" y=\"{N(y - 7)}\" width=\"14\" height=\"14\" fill=\"#005eb8\" stroke=\"#003087\" stroke-width=\"2\"><title>{E((d.Label ?? "Your group") + ": " + format(d.Value))}</title></rect>"
                : $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"6\" fill=\"url(#gf-hatch)\" stroke=\"#4c6272\"><title>{E((d.Label ?? "Another group") + ": " + format(d.Value))}</title></circle>");
        }
        svg.Append($"<line x1=\"{left}\" y1=\"{axis}\" x2=\"{right}\" y2=\"{axis}\" class=\"app-chart__axis\"/>");
        svg.Append($"<text x=\"{left}\" y=\"{axis + 14}\" class=\"app-chart__tick\">0</text>");
        svg.Append($"<text x=\"{right}\" y=\"{axis + 14}\" text-anchor=\"end\" class=\"app-chart__tick\">{E(format((decimal)max))}</text>");
        for (var r = 0; r < references.Count; r++)
        {
            var x = X(references[r].Value);
            var dash = r == 0 ? "6 3" : "2 2";
            svg.Append($"<line x1=\"{N(x)}\" y1=\"4\" x2=\"{N(x)}\" y2=\"{axis}\" stroke=\"#212b32\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\"/>");
            var ly = axis + 30 + r * 16;
            svg.Append($"<line x1=\"{left}\" y1=\"{ly - 4}\" x2=\"{left + 24}\" y2=\"{ly - 4}\" stroke=\"#212b32\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\"/>");
            svg.Append($"<text x=\"{left + 30}\" y=\"{ly}\" class=\"app-chart__tick\">{E($"{references[r].Name}: {format(references[r].Value)}")}</text>");
        }
        return Close(svg);
    }

    /// <summary>
    /// An XmR chart: the points joined in order; each part's mean as a solid line and its process limits dashed (a new part where
    /// limits were recalculated); the target dotted. A point no rule flags is a small grey circle; a special cause is an
    /// improvement (blue square), a concern (orange triangle) or neither (purple diamond), so shape tells them apart as well as colour.
    /// </summary>
    public static IHtmlContent Xmr(string id, string title, string description, ControlChart chart, decimal? target, Func<decimal, string> format) =>
        Close(XmrDrawing(id, title, description, chart, target, format, standalone: false));

    /// <summary>The same XmR chart as an SVG file to download: its title and description inside it, readable on its own.</summary>
    public static string XmrFile(string title, string description, ControlChart chart, decimal? target, Func<decimal, string> format) =>
        XmrDrawing("xmr", title, description, chart, target, format, standalone: true).Append("</svg>\n").ToString();

    private static StringBuilder XmrDrawing(string id, string title, string description, ControlChart chart, decimal? target, Func<decimal, string> format,
        bool standalone)
    {
        const int height = 190, top = 14, bottom = 160, left = 4, right = Width - 8;
        var points = chart.Points;
        var values = points.SelectMany(p => new[] { p.Value, p.UpperLimit, p.LowerLimit }).Concat(target is { } t ? [t] : []).ToList();
        var (min, max) = values.Count == 0 ? (0m, 1m) : (values.Min(), values.Max());
        if (max == min) (min, max) = (min - 1, max + 1);
        double X(int i) => points.Count <= 1 ? (left + right) / 2.0 : left + (right - left) * i / (double)(points.Count - 1);
        double Y(decimal v) => bottom - (bottom - top) * (double)((v - min) / (max - min));
        var svg = Open(id, title, description, height, standalone);
        foreach (var s in chart.Segments)
        {
            var (x1, x2) = (X(s.First), X(s.Last));
            svg.Append($"<line x1=\"{N(x1)}\" y1=\"{N(Y(s.Mean))}\" x2=\"{N(x2)}\" y2=\"{N(Y(s.Mean))}\" stroke=\"#212b32\" stroke-width=\"1.5\"/>");
            foreach (var limit in new[] { s.UpperLimit, s.LowerLimit })
                svg.Append($"<line x1=\"{N(x1)}\" y1=\"{N(Y(limit))}\" x2=\"{N(x2)}\" y2=\"{N(Y(limit))}\" stroke=\"#4c6272\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>");
        }
        if (target is { } goal)
            svg.Append($"<line x1=\"{left}\" y1=\"{N(Y(goal))}\" x2=\"{right}\" y2=\"{N(Y(goal))}\" stroke=\"#d5281b\" stroke-width=\"1.5\" stroke-dasharray=\"1 3\"/>");
        var path = new StringBuilder();
        for (var i = 0; i < points.Count; i++) path.Append(i == 0 ? "M" : "L").Append($"{N(X(i))} {N(Y(points[i].Value))}");
        if (path.Length > 0) svg.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"#768692\" stroke-width=\"1.2\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = (X(i), Y(points[i].Value));
            svg.Append(points[i].Signal switch
            {
                Signal.Improvement => $"<rect x=\"{N(x - 4)}\" y=\"{N(y - 4)}\" width=\"8\" height=\"8\" fill=\"#005eb8\"/>",
                Signal.Concern => $"<path d=\"M{N(x)} {N(y - 5)}L{N(x + 5)} {N(y + 4)}L{N(x - 5)} {N(y + 4)}Z\" fill=\"#ed8b00\" stroke=\"#212b32\" stroke-width=\"0.8\"/>",
                Signal.Neither => $"<path d=\"M{N(x)} {N(y - 5)}L{N(x + 5)} {N(y)}L{N(x)} {N(y + 5)}L{N(x - 5)} {N(y)}Z\" fill=\"#330072\"/>",
                _ => $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"3\" fill=\"#768692\"/>",
            });
        }
        svg.Append($"<text x=\"{left}\" y=\"{top - 3}\" class=\"app-chart__tick\">{E(format(max))}</text>");
        svg.Append($"<text x=\"{left}\" y=\"{bottom + 12}\" class=\"app-chart__tick\">{E(format(min))}</text>");
        if (points.Count > 0)
        {
            svg.Append($"<text x=\"{left}\" y=\"{height - 4}\" class=\"app-chart__tick\">{E(points[0].Period.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB")))}</text>");
            svg.Append($"<text x=\"{right}\" y=\"{height - 4}\" text-anchor=\"end\" class=\"app-chart__tick\">{E(points[^1].Period.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB")))}</text>");
        }
        return svg;
    }
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GuidanceFlow.Api.Pages;

/// <summary>
/// nhsuk-frontend's responsive table, written as a plain table: <c>&lt;table class="nhsuk-table" gf-responsive&gt;</c>.
/// Below the desktop breakpoint each row becomes a block and each cell is shown with its column's
/// heading beside it, so no table widens a 320 px screen (WCAG 1.4.10). The column headings are taken
/// from the table's own header row, so a page cannot label a cell with the wrong heading; the ARIA roles
/// keep the table a table for screen readers once its rows are laid out as blocks.
/// </summary>
[HtmlTargetElement("table", Attributes = Attribute)]
public sealed class ResponsiveTableTagHelper : TagHelper
{
    public const string Attribute = "gf-responsive";

    public override void Init(TagHelperContext context) => context.Items[typeof(ResponsiveTable)] = new ResponsiveTable();

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(Attribute);
        var classes = output.Attributes["class"]?.Value?.ToString() ?? "nhsuk-table";
        output.Attributes.SetAttribute("class", classes + " nhsuk-table--responsive");
        output.Attributes.SetAttribute("role", "table");
    }
}

internal sealed class ResponsiveTable
{
    public bool InHead;
    public readonly List<string> Headings = [];
    public int Column;

    public static ResponsiveTable? Of(TagHelperContext context) =>
        context.Items.TryGetValue(typeof(ResponsiveTable), out var table) ? (ResponsiveTable)table : null;
}

[HtmlTargetElement("thead")]
[HtmlTargetElement("tbody")]
[HtmlTargetElement("tfoot")]
public sealed class ResponsiveTableSectionTagHelper : TagHelper
{
    public override void Init(TagHelperContext context)
    {
        if (ResponsiveTable.Of(context) is { } table) table.InHead = context.TagName == "thead";
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ResponsiveTable.Of(context) is not null) output.Attributes.SetAttribute("role", "rowgroup");
    }
}

[HtmlTargetElement("tr")]
public sealed class ResponsiveTableRowTagHelper : TagHelper
{
    public override void Init(TagHelperContext context)
    {
        if (ResponsiveTable.Of(context) is { } table) table.Column = 0;
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ResponsiveTable.Of(context) is not null) output.Attributes.SetAttribute("role", "row");
    }
}

[HtmlTargetElement("th")]
[HtmlTargetElement("td")]
public sealed class ResponsiveTableCellTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (ResponsiveTable.Of(context) is not { } table) return;
        var span = int.TryParse(output.Attributes["colspan"]?.Value?.ToString(), out var n) && n > 1 ? n : 1;
        if (table.InHead)
        {
            var content = await output.GetChildContentAsync();
            using var writer = new StringWriter();
            content.WriteTo(writer, HtmlEncoder.Default);
            for (var i = 0; i < span; i++) table.Headings.Add(writer.ToString());
            output.Attributes.SetAttribute("role", "columnheader");
            return;
        }
        var heading = table.Column < table.Headings.Count ? table.Headings[table.Column] : null;
        table.Column += span;
        output.Attributes.SetAttribute("role", context.TagName == "th" ? "rowheader" : "cell");
        if (string.IsNullOrWhiteSpace(heading)) return;
        // The heading is for sighted readers of the stacked layout; a screen reader already hears the column header.
        output.PreContent.SetHtmlContent($"<span class=\"nhsuk-table__heading\" aria-hidden=\"true\">{heading} </span><div class=\"app-cell\">");
        output.PostContent.SetHtmlContent("</div>");
    }
}

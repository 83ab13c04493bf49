using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using GuidanceFlow.Domain.Reviews;
using Microsoft.AspNetCore.Html;

namespace GuidanceFlow.Api.Pages;

public sealed record Choice(string Value, string Label, string? Hint = null);

/// <summary>
/// nhsuk-frontend components as markup: each form field with its label, hint, inline error and the
/// attributes its JavaScript expects. Every value passes through the HTML encoder here.
/// </summary>
public static partial class Ui
{
    private static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>"responses[2].targetDate" → "responses-2-targetdate": element ids from field names.</summary>
    public static string Id(string field) => FieldSeparators().Replace(field, "-").Trim('-').ToLowerInvariant();

    /// <summary>Where the error summary links for a field: a date's first box, a radio group's first option.</summary>
    public static string Href(string field) => "#" + Id(field) + (IsDate(field) ? "-day" : "");

    private static readonly string[] DateFields = ["publishedon", "deadline", "reviewdate", "due", "targetdate", "asof", "newdue", "meetingat", "publishedfrom", "publishedto", "dueat", "triagefrom", "issued", "bywhen", "period", "startedon", "endedon", "nextreviewdate"];
    private static bool IsDate(string field) => DateFields.Contains(field.Split('.')[^1].ToLowerInvariant());

    public static IHtmlContent Input(FormErrors errors, string name, string label, string? value, string? hint = null,
        string type = "text", string? width = null, string? inputMode = null, string? prefix = null, string? autocomplete = null,
        bool heading = false, bool hiddenLabel = false, string labelSize = "nhsuk-label--s")
    {
        errors.Drawn(name);
        var id = Id(name);
        var error = errors.For(name);
        var html = new StringBuilder();
        html.Append($"<div class=\"nhsuk-form-group{(error is null ? "" : " nhsuk-form-group--error")}\">");
        html.Append(Label(id, label, heading, hiddenLabel ? "nhsuk-u-visually-hidden" : labelSize));
        html.Append(Hint(id, hint)).Append(ErrorMessage(id, error));
        var classes = "nhsuk-input" + (width is null ? "" : $" nhsuk-input--width-{width}") + (error is null ? "" : " nhsuk-input--error");
        var input = $"<input class=\"{classes}\" id=\"{id}\" name=\"{E(name)}\" type=\"{type}\" value=\"{E(value)}\"" +
                    (inputMode is null ? "" : $" inputmode=\"{inputMode}\"") + (autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"") +
                    $" spellcheck=\"false\"{DescribedBy(id, hint, error)}>";
        if (prefix is null) html.Append(input);
        else html.Append($"<div class=\"nhsuk-input-wrapper\"><div class=\"nhsuk-input__prefix\" aria-hidden=\"true\">{E(prefix)}</div>{input}</div>");
        html.Append("</div>");
        return new HtmlString(html.ToString());
    }

    /// <summary>A textarea with nhsuk-frontend's character count.</summary>
    public static IHtmlContent Textarea(FormErrors errors, string name, string label, string? value, int maxLength, string? hint = null,
        int rows = 4, bool heading = false, string labelSize = "nhsuk-label--s")
    {
        errors.Drawn(name);
        var id = Id(name);
        var error = errors.For(name);
        var html = new StringBuilder();
        html.Append($"<div class=\"nhsuk-form-group nhsuk-character-count{(error is null ? "" : " nhsuk-form-group--error")}\" data-module=\"nhsuk-character-count\" data-maxlength=\"{maxLength}\">");
        html.Append(Label(id, label, heading, labelSize)).Append(Hint(id, hint)).Append(ErrorMessage(id, error));
        var describedBy = $"{id}-info" + (hint is null ? "" : $" {id}-hint") + (error is null ? "" : $" {id}-error");
        html.Append($"<textarea class=\"nhsuk-textarea nhsuk-js-character-count{(error is null ? "" : " nhsuk-textarea--error")}\" id=\"{id}\" name=\"{E(name)}\" rows=\"{rows}\" aria-describedby=\"{describedBy}\">{E(value)}</textarea>");
        html.Append($"<div class=\"nhsuk-hint nhsuk-character-count__message\" id=\"{id}-info\">You can enter up to {maxLength:N0} characters</div>");
        html.Append("</div>");
        return new HtmlString(html.ToString());
    }

    public static IHtmlContent Radios(FormErrors errors, string name, string legend, IEnumerable<Choice> choices, string? selected,
        string? hint = null, bool inline = false, bool heading = false, string legendSize = "nhsuk-fieldset__legend--s")
        => Choices("radio", errors, name, legend, choices, v => v == selected, hint, inline, heading, legendSize);

    public static IHtmlContent Checkboxes(FormErrors errors, string name, string legend, IEnumerable<Choice> choices, ICollection<string> selected,
        string? hint = null, string legendSize = "nhsuk-fieldset__legend--s")
        => Choices("checkbox", errors, name, legend, choices, selected.Contains, hint, false, false, legendSize);

    private static IHtmlContent Choices(string kind, FormErrors errors, string name, string legend, IEnumerable<Choice> choices,
        Func<string, bool> isSelected, string? hint, bool inline, bool heading, string legendSize)
    {
        errors.Drawn(name);
        var id = Id(name);
        var error = errors.For(name);
        var plural = kind == "radio" ? "radios" : "checkboxes";
        var html = new StringBuilder();
        html.Append($"<div class=\"nhsuk-form-group{(error is null ? "" : " nhsuk-form-group--error")}\">");
        html.Append($"<fieldset class=\"nhsuk-fieldset\"{DescribedBy(id, hint, error)}>");
        html.Append(Legend(legend, heading, legendSize)).Append(Hint(id, hint)).Append(ErrorMessage(id, error));
        html.Append($"<div class=\"nhsuk-{plural}{(inline ? $" nhsuk-{plural}--inline" : "")}\" data-module=\"nhsuk-{plural}\">");
        var index = 0;
        foreach (var choice in choices)
        {
            // The first option takes the field's own id, so the error summary's link lands on it.
            var itemId = index++ == 0 ? id : $"{id}-{index}";
            html.Append($"<div class=\"nhsuk-{plural}__item\">");
            html.Append($"<input class=\"nhsuk-{plural}__input\" id=\"{itemId}\" name=\"{E(name)}\" type=\"{kind}\" value=\"{E(choice.Value)}\"");
            if (choice.Hint is not null) html.Append($" aria-describedby=\"{itemId}-item-hint\"");
            html.Append(isSelected(choice.Value) ? " checked>" : ">");
            html.Append($"<label class=\"nhsuk-label nhsuk-{plural}__label\" for=\"{itemId}\">{E(choice.Label)}</label>");
            if (choice.Hint is not null) html.Append($"<div class=\"nhsuk-hint nhsuk-{plural}__hint\" id=\"{itemId}-item-hint\">{E(choice.Hint)}</div>");
            html.Append("</div>");
        }
        html.Append("</div></fieldset></div>");
        return new HtmlString(html.ToString());
    }

    public static IHtmlContent DateInput(FormErrors errors, string name, string legend, DateParts? value, string? hint = null,
        bool heading = false, string legendSize = "nhsuk-fieldset__legend--s")
    {
        errors.Drawn(name);
        var id = Id(name);
        var error = errors.For(name);
        value ??= new DateParts();
        var html = new StringBuilder();
        html.Append($"<div class=\"nhsuk-form-group{(error is null ? "" : " nhsuk-form-group--error")}\">");
        html.Append($"<fieldset class=\"nhsuk-fieldset\" role=\"group\"{DescribedBy(id, hint, error)}>");
        html.Append(Legend(legend, heading, legendSize)).Append(Hint(id, hint)).Append(ErrorMessage(id, error));
        html.Append($"<div class=\"nhsuk-date-input\" id=\"{id}\">");
        foreach (var (part, label, text, width) in new[] { ("day", "Day", value.Day, 2), ("month", "Month", value.Month, 2), ("year", "Year", value.Year, 4) })
        {
            html.Append("<div class=\"nhsuk-date-input__item\"><div class=\"nhsuk-form-group\">");
            html.Append($"<label class=\"nhsuk-label nhsuk-date-input__label\" for=\"{id}-{part}\">{label}</label>");
            html.Append($"<input class=\"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}{(error is null ? "" : " nhsuk-input--error")}\" id=\"{id}-{part}\" name=\"{E(name)}.{label}\" type=\"text\" inputmode=\"numeric\" value=\"{E(text)}\">");
            html.Append("</div></div>");
        }
        html.Append("</div></fieldset></div>");
        return new HtmlString(html.ToString());
    }

    public static IHtmlContent Select(FormErrors errors, string name, string label, IEnumerable<Choice> choices, string? selected,
        string? hint = null, string labelSize = "nhsuk-label--s")
    {
        errors.Drawn(name);
        var id = Id(name);
        var error = errors.For(name);
        var html = new StringBuilder();
        html.Append($"<div class=\"nhsuk-form-group{(error is null ? "" : " nhsuk-form-group--error")}\">");
        html.Append(Label(id, label, false, labelSize)).Append(Hint(id, hint)).Append(ErrorMessage(id, error));
        html.Append($"<select class=\"nhsuk-select{(error is null ? "" : " nhsuk-select--error")}\" id=\"{id}\" name=\"{E(name)}\"{DescribedBy(id, hint, error)}>");
        foreach (var choice in choices)
            html.Append($"<option value=\"{E(choice.Value)}\"{(choice.Value == selected ? " selected" : "")}>{E(choice.Label)}</option>");
        html.Append("</select></div>");
        return new HtmlString(html.ToString());
    }

    /// <summary>
    /// The error summary for a page's last post: field errors, the rule that refused the command,
    /// or — when the review moved on since the form was loaded — that nothing was saved.
    /// </summary>
    public static IHtmlContent ErrorSummary(GuidancePage page, string? reloadUrl = null) =>
        Summary(page.Errors, page.Refusal, page.Stale, reloadUrl);

    private static IHtmlContent Summary(FormErrors errors, string? refusal, bool stale, string? reloadUrl)
    {
        if (!errors.Any && refusal is null && !stale) return HtmlString.Empty;
        var html = new StringBuilder("<div class=\"nhsuk-error-summary\" data-module=\"nhsuk-error-summary\"><div role=\"alert\">");
        var heading = stale ? "This review has changed since you opened this page" : "There is a problem";
        html.Append($"<h2 class=\"nhsuk-error-summary__heading\">{heading}</h2><div class=\"nhsuk-error-summary__body\">");
        if (stale)
            html.Append("<p>Someone else changed it while you were working. Nothing you entered here has been saved, so nothing was overwritten. " +
                        $"<a href=\"{E(reloadUrl ?? "")}\">Open the review as it is now</a>, check it, then make your change again.</p>");
        if (refusal is not null) html.Append($"<p>{E(refusal)}</p>");
        if (errors.Any)
        {
            html.Append("<ul class=\"nhsuk-list nhsuk-error-summary__list\">");
            foreach (var e in errors.All) html.Append($"<li><a href=\"{Href(e.Field)}\">{E(Message(e.Message))}</a></li>");
            html.Append("</ul>");
        }
        html.Append("</div></div></div>");
        return new HtmlString(html.ToString());
    }

    public static IHtmlContent Tag(string text, string? colour = null) =>
        new HtmlString($"<strong class=\"nhsuk-tag{(colour is null ? "" : $" nhsuk-tag--{colour}")}\">{E(text)}</strong>");

    public static IHtmlContent StatusTag(ReviewStatus status) => Tag(Words.Status(status), status switch
    {
        ReviewStatus.Opened or ReviewStatus.GridReady => "grey",
        ReviewStatus.AwaitingResponses => "blue",
        ReviewStatus.Collated => "aqua-green",
        ReviewStatus.FinanciallyAssessed => "purple",
        ReviewStatus.Decided => "green",
        ReviewStatus.UnderReview => "orange",
        ReviewStatus.Reassessing => "blue",
        _ => "white",
    });

    public static IHtmlContent TriageTag(Domain.Triage.TriageStatus status, bool overdue) => overdue
        ? Tag("Overdue", "red")
        : Tag(Words.TriageStatus(status), status switch
        {
            Domain.Triage.TriageStatus.Awaiting => "blue",
            Domain.Triage.TriageStatus.Relevant => "green",
            Domain.Triage.TriageStatus.ReviewOpened => "aqua-green",
            _ => "grey",
        });

    public static IHtmlContent ComplianceTag(Compliance? compliance) => compliance switch
    {
        Compliance.Met => Tag("Met", "green"),
        Compliance.PartiallyMet => Tag("Partially met", "yellow"),
        Compliance.NotMet => Tag("Not met", "red"),
        Compliance.NotApplicable => Tag("Not applicable", "grey"),
        _ => Tag("Not yet assessed", "white"),
    };

    private static string Label(string id, string label, bool heading, string size)
    {
        var tag = $"<label class=\"nhsuk-label {size}\" for=\"{id}\">{E(label)}</label>";
        return heading ? $"<h1 class=\"nhsuk-label-wrapper\">{tag}</h1>" : tag;
    }

    private static string Legend(string legend, bool heading, string size) => heading
        ? $"<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--l\"><h1 class=\"nhsuk-fieldset__heading\">{E(legend)}</h1></legend>"
        : $"<legend class=\"nhsuk-fieldset__legend {size}\">{E(legend)}</legend>";

    private static string Hint(string id, string? hint) => hint is null ? "" : $"<div class=\"nhsuk-hint\" id=\"{id}-hint\">{E(hint)}</div>";

    private static string ErrorMessage(string id, string? error) => error is null ? ""
        : $"<span class=\"nhsuk-error-message\" id=\"{id}-error\"><span class=\"nhsuk-u-visually-hidden\">Error: </span>{E(Message(error))}</span>";

    /// <summary>NHS error messages end without a full stop; the API's own messages keep theirs.</summary>
    public static string Message(string text) => text.EndsWith('.') && !text.EndsWith("..") ? text[..^1] : text;

    private static string DescribedBy(string id, string? hint, string? error)
    {
        var ids = new[] { hint is null ? null : $"{id}-hint", error is null ? null : $"{id}-error" }.Where(x => x is not null).ToList();
        return ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
    }

    [GeneratedRegex(@"[\[\]\.]+")]
    private static partial Regex FieldSeparators();
}

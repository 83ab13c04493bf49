namespace GuidanceFlow.Api.Pages;

/// <summary>
/// The errors of one submitted form, keyed by field name (the command's JSON path, as the API
/// names it): shown together in the error summary and each beside its field.
/// </summary>
public sealed class FormErrors
{
    private readonly List<FieldError> _all = [];
    private readonly List<string> _fields = [];

    public bool Any => _all.Count > 0;

    /// <summary>The errors in the order their fields appear on the page (the summary follows the form).</summary>
    public IReadOnlyList<FieldError> All => _all
        .OrderBy(e => _fields.FindIndex(f => string.Equals(f, e.Field, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : int.MaxValue)
        .ToList();

    /// <summary>Called as each field is drawn; the page body is drawn before the layout draws the summary.</summary>
    public void Drawn(string field) => _fields.Add(field);

    /// <summary>Keeps the first message per field: a value that could not be read is not then also "required".</summary>
    public void Add(string field, string message)
    {
        if (For(field) is null) _all.Add(new FieldError(field, message));
    }

    public string? For(string field) =>
        _all.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase))?.Message;

    /// <summary>Whether any error lies on this field or inside it (e.g. "lines[0]" holds "lines[0].organisation").</summary>
    public bool Within(string prefix) =>
        _all.Any(e => e.Field.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}

public sealed record FieldError(string Field, string Message);

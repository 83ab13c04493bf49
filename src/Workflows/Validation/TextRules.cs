namespace GuidanceFlow.Workflows.Validation;

/// <summary>
/// Text people type is kept as typed and encoded wherever it is shown, so markup is harmless. What
/// is refused are invisible tricks: control characters, bidirectional overrides (which can make a
/// figure or name read differently from what is stored) and zero-width characters.
/// </summary>
public static class TextRules
{
    public const string Message = "Remove control, zero-width or text-direction characters from this field.";

    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, bool multiline = false) =>
        rule.Must(text => text is null || IsPlain(text, multiline)).WithMessage(Message);

    public static bool IsPlain(string text, bool multiline) => !text.Any(c =>
        (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF');
}

namespace GuidanceFlow.Api.Queries;

/// <summary>
/// Text bound for a spreadsheet (CSV exports, workbooks): a cell that begins with '=', '+', '-' or '@' (or a
/// tab or carriage return before one) is taken by Excel, LibreOffice and Sheets as a formula and run when the
/// file is opened. Such text is written with a leading apostrophe, which the programs show as text and never run.
/// </summary>
public static class SpreadsheetText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Safe(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>The text as typed again, from a cell <see cref="Safe"/> wrote: the apostrophe it added taken off.</summary>
    public static string AsTyped(string text) =>
        text.Length >= 2 && text[0] == '\'' && FormulaStarts.Contains(text[1]) ? text[1..] : text;
}

namespace Wenjin.Text.Extraction;

/// <summary>
/// A span [Start, End) of the exact string an extractor was given: <c>text[Start..End]</c> is the verbatim evidence,
/// including any line break or space the extractor read through (a PDF line break inside a word stays in the quote).
/// </summary>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>The number of characters quoted.</summary>
    public int Length => End - Start;

    /// <summary>The quoted text, <c>text[Start..End]</c>; <paramref name="text"/> must be the string the span came from.</summary>
    public string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Start..End];
    }
}

namespace Wenjin.Text.Extraction;

/// <summary>
/// A value found in a text, normalized (<see cref="Value"/>: an organisation name without the line breaks it was
/// printed with, a province's full name), with every place it was found. <see cref="Evidence"/> is never empty and is in
/// text order.
/// </summary>
public sealed record ExtractedValue(string Value, IReadOnlyList<TextSpan> Evidence);

namespace Wenjin.Parsing.Parsers;

/// <summary>A line of text reconstructed from a PDF page's letters: its text, baseline, left edge and font size.</summary>
internal sealed record PdfLine(string Text, double Baseline, double Left, double Size);

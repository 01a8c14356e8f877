namespace Wenjin.Hosting.Extraction.Building;

/// <summary>One line of a document's text: [Start, End) without its line break.</summary>
internal readonly record struct TextLine(int Start, int End)
{
    public int Length => End - Start;
}

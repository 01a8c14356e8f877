namespace Wenjin.Text.Chunking;

/// <summary>A sentence as the span [Start, End) of the text it was split from; never empty, never padded by white space.</summary>
public readonly record struct SentenceSpan(int Start, int End)
{
    public int Length => End - Start;
}

namespace Wenjin.Text.Extraction;

/// <summary>
/// A word of a <see cref="JoinedText"/> view: [Start, End) in view offsets. A CJK word comes from the segmenter
/// (<see cref="Known"/> when the dictionary has it); any other word is a run of letters and digits.
/// </summary>
internal readonly record struct ViewWord(int Start, int End, bool IsCjk, bool Known)
{
    public int Length => End - Start;
}

namespace Wenjin.Text.Segmentation;

/// <summary>
/// A word found by the segmenter: [Start, Start + Length) relative to the segmented run; <see cref="Node"/> is its
/// dictionary node, or -1 for a word the dictionary does not know (an HMM word or an unknown character).
/// </summary>
internal readonly record struct WordSpan(int Start, int Length, int Node);

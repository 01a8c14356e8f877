namespace Wenjin.Analysis;

/// <summary>
/// One index/query term. <see cref="Term"/> is normalized (Simplified script, lower case, stemmed) and never contains
/// white space. <see cref="Position"/> counts words of the primary segmentation; sub-words and bigrams emitted for
/// recall share the position of the word they come from. [Start, End) is the span in the analyzed input.
/// </summary>
public readonly record struct AnalyzedToken(string Term, int Position, int Start, int End);

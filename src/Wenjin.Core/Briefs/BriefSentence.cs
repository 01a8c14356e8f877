namespace Wenjin.Briefs;

/// <summary>A sentence of a brief with the 1-based indexes of the citations that support it (never empty).</summary>
public sealed record BriefSentence(string Text, IReadOnlyList<int> Citations);

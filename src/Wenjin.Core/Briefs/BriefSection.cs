namespace Wenjin.Briefs;

/// <summary>One heading of a <see cref="Brief"/> and its sentences in reading order.</summary>
public sealed record BriefSection(string Heading, IReadOnlyList<BriefSentence> Sentences);

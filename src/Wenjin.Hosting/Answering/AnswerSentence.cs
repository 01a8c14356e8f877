namespace Wenjin.Hosting.Answering;

/// <summary>
/// A sentence of a retrieved chunk as an absolute span [Start, End) of its document's text, with what selection
/// measured: the share of the question's idf weight it contains, whether it holds the asked-for kind of thing (0, 0.5,
/// 1), and the combined score.
/// </summary>
public sealed record AnswerSentence(int ChunkRank, int Start, int End, string Text, double Coverage, double TypeMatch, double Score);

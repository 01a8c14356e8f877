namespace Wenjin.Hosting.Answering;

/// <summary>A sentence of a retrieved chunk, as an absolute span of its document's text, with its selection score.</summary>
internal sealed record CandidateSentence(int ChunkRank, int Start, int End, string Text, double Coverage, double TypeMatch, double Score);

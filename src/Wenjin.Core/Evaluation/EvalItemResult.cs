namespace Wenjin.Evaluation;

/// <summary>How one QA item fared: the rank at which its quote was retrieved (null if not in the top 10) and the answer.</summary>
public sealed record EvalItemResult(string Id, bool Answerable, int? RetrievedRank, bool Refused, bool Correct, string Answer);

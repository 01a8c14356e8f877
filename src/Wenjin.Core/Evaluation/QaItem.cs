namespace Wenjin.Evaluation;

/// <summary>
/// One line of a QA set file. <see cref="Answer"/> is null for a question the knowledge base cannot answer;
/// <see cref="Quote"/> is source text supporting the answer (compared ignoring white space).
/// </summary>
public sealed record QaItem(string Id, string Question, string? Answer, string? Quote);

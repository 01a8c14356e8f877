namespace Wenjin.Answers;

/// <summary>Tokens a generated answer cost, as the model server reported them.</summary>
public sealed record ModelUsage(long InputTokens, long OutputTokens);

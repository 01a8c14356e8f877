namespace Wenjin.Answers;

/// <summary>A cited passage: <see cref="Quote"/> is exactly the document's extracted text at [Start, End).</summary>
public sealed record Citation(int Index, string DocId, string SourceId, string? Title, int? Page, string Quote, int Start, int End);

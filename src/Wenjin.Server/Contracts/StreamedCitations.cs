using Wenjin.Answers;

namespace Wenjin.Server.Contracts;

/// <summary>Data of the "citations" event of a streamed answer.</summary>
public sealed record StreamedCitations(IReadOnlyList<Citation> Citations);

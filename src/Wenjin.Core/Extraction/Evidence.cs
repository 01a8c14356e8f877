namespace Wenjin.Extraction;

/// <summary>
/// Where a value came from: <see cref="Quote"/> is exactly the document's extracted text at [Start, End);
/// <see cref="Page"/> is 1-based, or null for a format without pages.
/// </summary>
public sealed record Evidence(string Quote, int? Page, int Start, int End);

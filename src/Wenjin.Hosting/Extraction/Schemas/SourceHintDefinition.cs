namespace Wenjin.Hosting.Extraction;

/// <summary>
/// A name of the <c>x-wenjin-source</c> vocabulary: whether it takes arguments (<see cref="ArgumentsRequired"/>,
/// <see cref="ArgumentsAllowed"/>), the field shapes it can fill (e.g. "string", "list of string", "number") and what the
/// model-free extractor does with it.
/// </summary>
public sealed record SourceHintDefinition(
    string Name,
    bool ArgumentsAllowed,
    bool ArgumentsRequired,
    IReadOnlyList<string> Shapes,
    string Description);

namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/kbs/{kb}/extractions: the schema, the documents (omitted: every indexed one) and the mode (auto, rules or model).</summary>
public sealed record ExtractionRequestBody(string Schema, IReadOnlyList<string>? DocIds, string? Mode);

namespace Wenjin.Extraction;

/// <summary>An extraction schema as hosts show it: its name, title, whether it is built in, and its fields in order.</summary>
public sealed record SchemaDescription(string Name, string Title, string? Description, bool BuiltIn, IReadOnlyList<SchemaFieldDescription> Fields);

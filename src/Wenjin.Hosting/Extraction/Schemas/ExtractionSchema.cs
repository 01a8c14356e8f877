namespace Wenjin.Hosting.Extraction;

/// <summary>
/// A record type to extract: <see cref="Name"/> is its identifier (lower-case letters, digits and '-', e.g.
/// "news-brief"), <see cref="Fields"/> are in the order records show them.
/// </summary>
public sealed record ExtractionSchema(string Name, string Title, string? Description, IReadOnlyList<SchemaField> Fields)
{
    /// <summary>The field called <paramref name="name"/>, or null.</summary>
    public SchemaField? Find(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}

namespace Wenjin.Extraction;

/// <summary>
/// One field of a <see cref="SchemaDescription"/>. <see cref="Kind"/> is string, number, integer, date, url, enum,
/// object or list; a list describes its item in <see cref="Items"/>, an object its properties in
/// <see cref="Properties"/>. <see cref="Facet"/> names the taxonomy facet whose categories an enum holds, so hosts
/// can count records by category.
/// </summary>
public sealed record SchemaFieldDescription(string Name, string Kind, bool Required)
{
    public string? Description { get; init; }

    public IReadOnlyList<string> EnumValues { get; init; } = [];

    public string? Facet { get; init; }

    public string? Unit { get; init; }

    public SchemaFieldDescription? Items { get; init; }

    public IReadOnlyList<SchemaFieldDescription> Properties { get; init; } = [];
}

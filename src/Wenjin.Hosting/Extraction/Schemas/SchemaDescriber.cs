using Wenjin.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>Turns an <see cref="ExtractionSchema"/> into the <see cref="SchemaDescription"/> hosts show and export by.</summary>
public static class SchemaDescriber
{
    public static SchemaDescription Describe(ExtractionSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new SchemaDescription(schema.Name, schema.Title, schema.Description, SchemaCatalog.IsBuiltIn(schema.Name), [.. schema.Fields.Select(Describe)]);
    }

    private static SchemaFieldDescription Describe(SchemaField field) =>
        new(field.Name, field.Kind.ToString().ToLowerInvariant(), field.Required)
        {
            Description = field.Description,
            EnumValues = field.EnumValues,
            Facet = field.TaxonomyFacet,
            Unit = field.Unit,
            Items = field.Items is null ? null : Describe(field.Items),
            Properties = [.. field.Properties.Select(Describe)],
        };
}

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// What a schema field holds. Lists and objects describe their parts with <see cref="SchemaField.Items"/> and
/// <see cref="SchemaField.Properties"/>; a list of lists is not supported.
/// </summary>
public enum FieldKind
{
    /// <summary>Text; verbatim from the document unless its source hint makes it free text (see <see cref="SchemaField.IsFreeText"/>).</summary>
    String,

    /// <summary>A number (JSON Schema "number"), optionally in a <see cref="SchemaField.Unit"/>.</summary>
    Number,

    /// <summary>A whole number (JSON Schema "integer").</summary>
    Integer,

    /// <summary>A calendar date, written "YYYY-MM-DD" (JSON Schema "string" with format "date").</summary>
    Date,

    /// <summary>An absolute http(s) URL (JSON Schema "string" with format "uri").</summary>
    Url,

    /// <summary>One of <see cref="SchemaField.EnumValues"/> (JSON Schema "string" with "enum").</summary>
    Enum,

    /// <summary>An object with <see cref="SchemaField.Properties"/>.</summary>
    Object,

    /// <summary>A list of <see cref="SchemaField.Items"/>.</summary>
    List,
}

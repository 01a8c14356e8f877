namespace Wenjin.Extraction;

/// <summary>The values of <see cref="DroppedValue.Reason"/>. Outside tools filter on them, so they never change.</summary>
public static class DropReasons
{
    /// <summary>A verbatim value, number, date or category term that does not occur in the document text.</summary>
    public const string NotInDocument = "not-in-document";

    /// <summary>A free-text value with a sentence that no document sentence supports.</summary>
    public const string UnsupportedSummary = "unsupported-summary";

    /// <summary>A value of the wrong JSON type, or text that cannot be read as the field's number, date or URL.</summary>
    public const string Type = "type";

    /// <summary>A value outside the field's enumeration (for taxonomy fields: not a category of the facet).</summary>
    public const string NotInEnum = "not-in-enum";

    /// <summary>A field the schema does not define.</summary>
    public const string NotInSchema = "not-in-schema";

    /// <summary>A list item or object that lacks one of its required properties.</summary>
    public const string MissingProperty = "missing-property";
}

using System.Text.Json;

namespace Wenjin.Extraction;

/// <summary>
/// A field's value as JSON (a string, a number, a "YYYY-MM-DD" date string, a list or an object, as the schema field
/// says) with the spans of the document it was found in or is supported by. Every field value has at least one
/// evidence span; a list or object field has the spans of all its kept items, in item order.
/// </summary>
public sealed record FieldValue(JsonElement Value, IReadOnlyList<Evidence> Evidence);

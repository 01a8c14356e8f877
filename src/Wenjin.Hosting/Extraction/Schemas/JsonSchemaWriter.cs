using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Writes an extraction schema as a JSON Schema (draft 2020-12) document that <see cref="JsonSchemaReader"/> reads back
/// to the same schema: for <c>wenjin schemas show</c>, and as the response format when a model is asked for structured
/// output. Taxonomy-backed enums are written out in full, so a model sees the allowed category names.
/// Objects are closed (<c>"additionalProperties": false</c>). Thread-safe.
/// </summary>
public sealed class JsonSchemaWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>The schema as a JSON object.</summary>
    public JsonObject Write(ExtractionSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = schema.Title,
        };
        if (schema.Description is not null)
        {
            root["description"] = schema.Description;
        }

        root["type"] = "object";
        WriteProperties(root, schema.Fields);
        return root;
    }

    /// <summary>The schema as indented JSON text, Chinese written as is.</summary>
    public string WriteText(ExtractionSchema schema) => Write(schema).ToJsonString(Indented);

    private static void WriteProperties(JsonObject owner, IReadOnlyList<SchemaField> fields)
    {
        var properties = new JsonObject();
        foreach (var field in fields)
        {
            properties[field.Name] = WriteField(field);
        }

        owner["properties"] = properties;
        owner["required"] = new JsonArray([.. fields.Where(f => f.Required).Select(f => (JsonNode)f.Name)]);
        owner["additionalProperties"] = false;
    }

    private static JsonObject WriteField(SchemaField field)
    {
        var node = new JsonObject();
        switch (field.Kind)
        {
            case FieldKind.String:
                node["type"] = "string";
                break;
            case FieldKind.Date:
                node["type"] = "string";
                node["format"] = "date";
                break;
            case FieldKind.Url:
                node["type"] = "string";
                node["format"] = "uri";
                break;
            case FieldKind.Enum:
                node["type"] = "string";
                node["enum"] = new JsonArray([.. field.EnumValues.Select(v => (JsonNode)v)]);
                break;
            case FieldKind.Number:
            case FieldKind.Integer:
                node["type"] = field.Kind == FieldKind.Number ? "number" : "integer";
                if (field.Unit is not null)
                {
                    node["x-wenjin-unit"] = field.Unit;
                }

                break;
            case FieldKind.Object:
                node["type"] = "object";
                break;
            case FieldKind.List:
                node["type"] = "array";
                node["items"] = WriteField(field.Items!);
                break;
        }

        if (field.Description is not null)
        {
            node["description"] = field.Description;
        }

        if (field.Kind == FieldKind.Object)
        {
            WriteProperties(node, field.Properties);
        }

        if (field.Sources.Count == 1)
        {
            node["x-wenjin-source"] = field.Sources[0].ToString();
        }
        else if (field.Sources.Count > 1)
        {
            node["x-wenjin-source"] = new JsonArray([.. field.Sources.Select(s => (JsonNode)s.ToString())]);
        }

        return node;
    }
}

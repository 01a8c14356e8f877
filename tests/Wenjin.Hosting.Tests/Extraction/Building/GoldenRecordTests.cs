using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Wenjin.Extraction;
using Wenjin.Hosting.Extraction;
using Wenjin.Hosting.Extraction.Building;

namespace Wenjin.Hosting.Tests.Extraction.Building;

/// <summary>
/// Three realistic fictional documents (Golden/NAME.md|txt) with hand-written expected records (Golden/NAME.expected.json):
/// every field of the schema must hold exactly the expected value, a field the expected record leaves out must stay
/// empty, and every evidence quote must be the document's text at its offsets.
/// </summary>
public sealed class GoldenRecordTests
{
    private static readonly SchemaCatalog Catalog = new(new JsonSchemaReader(ExtractionTaxonomy.Default), null);
    private static readonly RuleRecordExtractor Extractor = new(ExtractionTaxonomy.Default);
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("news-brief", "news-jcbank.md")]
    [InlineData("application-case", "case-defect-inspection.txt")]
    [InlineData("bid-award", "bid-award-xihu.txt")]
    public void Document_GivesTheExpectedRecord(string schemaName, string file)
    {
        string text = File.ReadAllText(Path.Combine(GoldenFolder(), file));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenFolder(), Path.GetFileNameWithoutExtension(file) + ".expected.json")));
        var schema = Catalog.Get(schemaName);
        var document = new SourceDocument("d1", file, text, []);

        var record = Extractor.Extract(schema, document);

        foreach (var field in schema.Fields)
        {
            string actual = record.Fields.TryGetValue(field.Name, out var value) ? JsonSerializer.Serialize(value.Value, Readable) : "(none)";
            string wanted = expected.RootElement.TryGetProperty(field.Name, out var e) ? JsonSerializer.Serialize(e, Readable) : "(none)";
            bool same = expected.RootElement.TryGetProperty(field.Name, out var want) && value is not null
                ? JsonElement.DeepEquals(want, value.Value)
                : actual == wanted;
            Assert.True(same, $"{field.Name}: expected {wanted}, got {actual}");
        }

        AssertEvidenceIsVerbatim(record, text);
    }

    internal static void AssertEvidenceIsVerbatim(ExtractedRecord record, string text)
    {
        Assert.All(record.Fields.Values, field =>
        {
            Assert.NotEmpty(field.Evidence);
            Assert.All(field.Evidence, e => Assert.Equal(e.Quote, text[e.Start..e.End]));
        });
    }

    private static string GoldenFolder([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Golden");
}

using Wenjin.Errors;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Hosting.Tests.Extraction;

public sealed class JsonSchemaReaderTests
{
    private static readonly JsonSchemaReader Reader = new(ExtractionTaxonomy.Default);

    [Fact]
    public void UserSchema_WithEveryKind_IsReadInFileOrder()
    {
        const string json = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "质量证书",
              "description": "产品质量证书的参数",
              "type": "object",
              "properties": {
                "证书编号": {"type": "string", "x-wenjin-source": "label:证书编号|编号"},
                "发证日期": {"type": "string", "format": "date", "x-wenjin-source": ["date:发证日期", "date"]},
                "网址": {"type": "string", "format": "uri"},
                "等级": {"type": "string", "enum": ["一级", "二级"]},
                "检测项数": {"type": "integer"},
                "重量": {"type": ["number", "null"], "x-wenjin-unit": "千克"},
                "行业": {"type": "string", "x-wenjin-source": "taxonomy:行业"},
                "参数": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {"名称": {"type": "string"}, "值": {"type": "number"}},
                    "required": ["名称"]
                  }
                },
                "厂家": {"type": "object", "properties": {"名称": {"type": "string"}, "地址": {"type": "string"}}}
              },
              "required": ["证书编号", "发证日期"]
            }
            """;

        var schema = Reader.Read("quality-certificate", json);

        Assert.Equal("quality-certificate", schema.Name);
        Assert.Equal("质量证书", schema.Title);
        Assert.Equal("产品质量证书的参数", schema.Description);
        Assert.Equal(["证书编号", "发证日期", "网址", "等级", "检测项数", "重量", "行业", "参数", "厂家"], schema.Fields.Select(f => f.Name));
        Assert.Equal(
            [FieldKind.String, FieldKind.Date, FieldKind.Url, FieldKind.Enum, FieldKind.Integer, FieldKind.Number, FieldKind.Enum, FieldKind.List, FieldKind.Object],
            schema.Fields.Select(f => f.Kind));
        Assert.Equal([true, true, false, false, false, false, false, false, false], schema.Fields.Select(f => f.Required));
        Assert.Equal(["label:证书编号|编号"], schema.Fields[0].Sources.Select(s => s.ToString()));
        Assert.Equal(["date:发证日期", "date"], schema.Fields[1].Sources.Select(s => s.ToString()));
        Assert.Equal(["一级", "二级"], schema.Fields[3].EnumValues);
        Assert.Equal("千克", schema.Fields[5].Unit);
        Assert.Equal("行业", schema.Fields[6].TaxonomyFacet);
        Assert.Contains("金融", schema.Fields[6].EnumValues);
        var item = schema.Fields[7].Items!;
        Assert.Equal(FieldKind.Object, item.Kind);
        Assert.Equal(["名称", "值"], item.Properties.Select(p => p.Name));
        Assert.True(item.Properties[0].Required);
        Assert.Equal([FieldKind.String, FieldKind.String], schema.Fields[8].Properties.Select(p => p.Kind));
    }

    [Fact]
    public void WrittenSchema_ReadsBackToTheSameSchema()
    {
        var writer = new JsonSchemaWriter();
        foreach (var schema in new SchemaCatalog(Reader, null).List())
        {
            string written = writer.WriteText(schema);
            var read = Reader.Read(schema.Name, written);

            Assert.Equal(written, writer.WriteText(read));
            Assert.Equal(schema.Fields.Select(f => (f.Name, f.Kind, f.Required, f.TaxonomyFacet ?? f.Items?.TaxonomyFacet)), read.Fields.Select(f => (f.Name, f.Kind, f.Required, f.TaxonomyFacet ?? f.Items?.TaxonomyFacet)));
        }
    }

    [Fact]
    public void Writer_SpellsOutTaxonomyEnums_ForAModel()
    {
        var schema = new SchemaCatalog(Reader, null).Get("news-brief");

        var written = new JsonSchemaWriter().Write(schema);

        var industry = written["properties"]!["行业"]!;
        Assert.Equal("array", (string?)industry["type"]);
        Assert.Equal("taxonomy:行业", (string?)industry["x-wenjin-source"]);
        var names = industry["items"]!["enum"]!.AsArray().Select(n => (string?)n).ToList();
        Assert.Equal(ExtractionTaxonomy.Default.Find("行业")!.Select(c => c.Name), names);
        Assert.Equal(["标题", "总结", "关键词", "行业"], written["required"]!.AsArray().Select(n => (string?)n));
        Assert.False((bool)written["additionalProperties"]!);
    }

    [Theory]
    [InlineData("""{"type": "object", "properties": {"a": {"$ref": "#/defs/x"}}}""", "$.properties.a.$ref:")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "format": "email"}}}""", "$.properties.a.format: the format \"email\" is not supported")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "x-wenjin-source": "guess"}}}""", "$.properties.a.x-wenjin-source: \"guess\" is not a source hint")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "x-wenjin-source": "taxonomy:星座"}}}""", "$.properties.a.x-wenjin-source: \"taxonomy:星座\" must name one taxonomy facet")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "x-wenjin-source": "metric.name"}}}""", "$.properties.a.x-wenjin-source: \"metric.name\" is only allowed")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "number", "x-wenjin-source": "keywords"}}}""", "$.properties.a.x-wenjin-source: \"keywords\" fills a list of string field, not a number")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "x-wenjin-source": "label"}}}""", "\"label\" needs arguments")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "array", "items": {"type": "string", "enum": ["金融", "太空"]}, "x-wenjin-source": "taxonomy:行业"}}}""", "$.properties.a.items.enum: \"太空\" is not a category of the taxonomy facet \"行业\"")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}}}""", "$.properties.a.items.type: a list of lists is not supported")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "array"}}}""", "$.properties.a: an array needs \"items\"")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["b"]}""", "$.required: \"b\" is not one of the properties")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "boolean"}}}""", "$.properties.a.type: the type \"boolean\" is not supported")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "number", "enum": ["1"]}}}""", "$.properties.a.enum: an enum is only supported on a string")]
    [InlineData("""{"type": "array"}""", "$.type: the root of a schema must have \"type\": \"object\"")]
    [InlineData("""{"type": "object", "properties": {}}""", "$.properties: an object needs at least one property")]
    [InlineData("""{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"a": {"type": "string"}}}""", "$.$schema: only JSON Schema draft 2020-12")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "x-wenjin-unit": "元"}}}""", "$.properties.a.x-wenjin-unit: a unit is only allowed on a number")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string", "oneOf": []}}}}}""", "$.properties.a.properties.b.oneOf:")]
    [InlineData("""{"type": "object", "properties": {"a": """, "is not valid JSON")]
    public void UnsupportedSchema_IsRejected_NamingTheJsonPath(string json, string expected)
    {
        var error = Assert.Throws<WenjinException>(() => Reader.Read("custom", json));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("News-Brief")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("-x")]
    public void InvalidName_IsRejected(string name)
    {
        var error = Assert.Throws<WenjinException>(() => Reader.Read(name, """{"type": "object", "properties": {"a": {"type": "string"}}}"""));

        Assert.Contains("is not a valid schema name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaFile_IsNamedAfterItsFile_AndErrorsNameTheFile()
    {
        using var directory = new TempDirectory();
        string good = directory.Write("tender-notice.schema.json", """{"type": "object", "properties": {"项目": {"type": "string"}}}""");
        string bad = directory.Write("broken.schema.json", """{"type": "object", "properties": {"项目": {"type": "strnig"}}}""");

        Assert.Equal("tender-notice", Reader.ReadFile(good).Name);
        var error = Assert.Throws<WenjinException>(() => Reader.ReadFile(bad));
        Assert.StartsWith(bad + ": $.properties.项目.type:", error.Message, StringComparison.Ordinal);
    }
}

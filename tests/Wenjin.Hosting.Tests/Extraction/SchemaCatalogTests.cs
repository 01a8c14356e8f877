using Wenjin.Errors;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Hosting.Tests.Extraction;

public sealed class SchemaCatalogTests
{
    [Fact]
    public void BuiltIns_HaveTheFieldsOfTheEvaluationSet()
    {
        var catalog = new SchemaCatalog(new JsonSchemaReader(ExtractionTaxonomy.Default), null);

        var news = catalog.Get("news-brief");
        var cases = catalog.Get("application-case");
        var awards = catalog.Get("bid-award");

        Assert.Equal(["news-brief", "application-case", "bid-award"], catalog.List().Select(s => s.Name));
        Assert.Equal(["标题", "链接", "总结", "关键词", "AI技术", "行业", "重大事件摘要"], news.Fields.Select(f => f.Name));
        Assert.Equal(["案例名称", "供给方", "需求方", "领域", "应用类型", "功能", "成果指标"], cases.Fields.Select(f => f.Name));
        Assert.Equal(["项目名称", "采购人", "中标单位", "中标金额", "省份", "公告日期"], awards.Fields.Select(f => f.Name));

        Assert.Equal(FieldKind.Url, news.Find("链接")!.Kind);
        Assert.True(news.Find("总结")!.IsFreeText);
        Assert.True(news.Find("重大事件摘要")!.IsFreeText);
        Assert.False(news.Find("标题")!.IsFreeText);
        Assert.Equal("AI技术", news.Find("AI技术")!.Items!.TaxonomyFacet);
        Assert.Equal(FieldKind.Enum, news.Find("行业")!.Items!.Kind);
        Assert.Equal("行业", cases.Find("领域")!.Items!.TaxonomyFacet);
        Assert.Equal(ExtractionTaxonomy.Default.Find("应用类型")!.Select(c => c.Name), cases.Find("应用类型")!.Items!.EnumValues);

        var metric = cases.Find("成果指标")!.Items!;
        Assert.Equal(["指标", "数值", "单位"], metric.Properties.Select(p => p.Name));
        Assert.Equal([FieldKind.String, FieldKind.Number, FieldKind.String], metric.Properties.Select(p => p.Kind));
        Assert.Equal(["metric.name", "metric.value", "metric.unit"], metric.Properties.Select(p => p.Sources.Single().Name));
        Assert.True(metric.Properties[0].IsFreeText);

        Assert.Equal(FieldKind.Number, awards.Find("中标金额")!.Kind);
        Assert.Equal("元", awards.Find("中标金额")!.Unit);
        Assert.Equal(FieldKind.Date, awards.Find("公告日期")!.Kind);
        Assert.Equal(["label", "organisation"], awards.Find("采购人")!.Sources.Select(s => s.Name));
    }

    [Fact]
    public void EveryBuiltInHint_IsInTheVocabulary()
    {
        var catalog = new SchemaCatalog(new JsonSchemaReader(ExtractionTaxonomy.Default), null);

        var hints = catalog.List().SelectMany(s => s.Fields).SelectMany(Flatten).SelectMany(f => f.Sources).Select(h => h.Name).ToHashSet();

        Assert.All(hints, h => Assert.NotNull(SourceHintVocabulary.Find(h)));
        Assert.Superset(new HashSet<string> { "title", "link", "summary", "keywords", "taxonomy", "label", "money", "date", "province", "metrics", "metric.value" }, hints);

        static IEnumerable<SchemaField> Flatten(SchemaField field) =>
            new[] { field }.Concat(field.Items is null ? [] : Flatten(field.Items)).Concat(field.Properties.SelectMany(Flatten));
    }

    [Fact]
    public void UserSchemas_AreListedAfterTheBuiltIns()
    {
        using var directory = new TempDirectory();
        directory.Write("schemas/tender-notice.schema.json", """{"title": "招标公告", "type": "object", "properties": {"项目": {"type": "string"}}}""");
        directory.Write("schemas/notes.txt", "not a schema");
        var catalog = SchemaCatalog.ForDataDirectory(directory.Path);

        Assert.Equal(["news-brief", "application-case", "bid-award", "tender-notice"], catalog.List().Select(s => s.Name));
        Assert.Equal("招标公告", catalog.Get("tender-notice").Title);
    }

    [Fact]
    public void UnknownSchema_IsNotFound_ListingTheKnownOnes()
    {
        using var directory = new TempDirectory();
        directory.Write("schemas/tender-notice.schema.json", """{"type": "object", "properties": {"项目": {"type": "string"}}}""");

        var error = Assert.Throws<WenjinException>(() => SchemaCatalog.ForDataDirectory(directory.Path).Get("news"));

        Assert.Equal(WenjinErrorKind.NotFound, error.Kind);
        Assert.Contains("There is no schema 'news'. Known schemas: news-brief, application-case, bid-award, tender-notice.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserSchema_CannotTakeABuiltInName()
    {
        using var directory = new TempDirectory();
        directory.Write("schemas/bid-award.schema.json", """{"type": "object", "properties": {"项目": {"type": "string"}}}""");

        var error = Assert.Throws<WenjinException>(() => SchemaCatalog.ForDataDirectory(directory.Path).List());

        Assert.Equal(WenjinErrorKind.Conflict, error.Kind);
    }
}

using System.Text;
using Wenjin.Errors;
using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class TaxonomyTests
{
    private const string Valid = """
        {
          "version": 1,
          // Comments and trailing commas are allowed in hand-edited files.
          "facets": {
            "行业": [
              {"name": "金融", "terms": ["金融", "银行", " bank ", "银行"]},
              {"name": "医疗", "terms": ["医院"], "description": "ignored"},
            ],
            "AI技术": [{"name": "大模型", "terms": ["大模型", "LLM"]}]
          }
        }
        """;

    [Fact]
    public void Loads_facets_categories_and_trimmed_distinct_terms_in_file_order()
    {
        Taxonomy taxonomy = Taxonomy.Parse(Valid);

        Assert.Equal(1, taxonomy.Version);
        Assert.Equal(["行业", "AI技术"], taxonomy.Facets.Select(f => f.Name));
        TaxonomyFacet industry = taxonomy.Facet("行业");
        Assert.Equal(["金融", "医疗"], industry.Categories.Select(c => c.Name));
        Assert.Equal(["金融", "银行", "bank"], industry.Categories[0].Terms);
    }

    [Fact]
    public void Loads_from_a_utf8_stream()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Valid));
        Taxonomy taxonomy = Taxonomy.Load(stream);
        Assert.True(taxonomy.TryGetFacet("AI技术", out TaxonomyFacet? facet));
        Assert.Equal("大模型", facet.Categories[0].Name);
        Assert.False(taxonomy.TryGetFacet("地区", out _));
    }

    [Theory]
    [InlineData("{\"version\": 1, \"facets\": {", "not valid JSON")]
    [InlineData("[]", "expected an object")]
    [InlineData("{\"facets\": {}}", "\"version\" is missing")]
    [InlineData("{\"version\": 2, \"facets\": {}}", "reads version 1")]
    [InlineData("{\"version\": 1}", "\"facets\" is missing")]
    [InlineData("{\"version\": 1, \"facets\": {}}", "no facets")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": {}}}", "facets.行业: expected an array of categories")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": []}}", "facets.行业: the facet has no categories")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [\"金融\"]}}", "facets.行业[0]: expected a category object")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [{\"terms\": [\"银行\"]}]}}", "facets.行业[0]: \"name\" must be a non-empty string")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [{\"name\": \"金融\", \"term\": [\"银行\"]}]}}", "facets.行业[0]: category '金融' needs \"terms\"")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [{\"name\": \"金融\", \"terms\": []}]}}", "category '金融' has no terms")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [{\"name\": \"金融\", \"terms\": [\"银行\", 3]}]}}", "facets.行业[0].terms[1]: expected a string")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [{\"name\": \"金融\", \"terms\": [\"  \"]}]}}", "facets.行业[0].terms[0]: a term is empty")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [{\"name\": \"金融\", \"terms\": [\"银行\"]}, {\"name\": \"金融\", \"terms\": [\"证券\"]}]}}", "the category '金融' appears twice")]
    [InlineData("{\"version\": 1, \"facets\": {\"行业\": [{\"name\": \"金融\", \"terms\": [\"银行\"]}], \"行业\": [{\"name\": \"医疗\", \"terms\": [\"医院\"]}]}}", "the facet '行业' appears twice")]
    public void Rejects_a_bad_file_with_a_message_that_names_the_place(string json, string expected)
    {
        WenjinException error = Assert.Throws<WenjinException>(() => Taxonomy.Parse(json));
        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_term_longer_than_the_limit()
    {
        string json = $"{{\"version\": 1, \"facets\": {{\"行业\": [{{\"name\": \"金融\", \"terms\": [\"{new string('银', Taxonomy.MaxTermLength + 1)}\"]}}]}}}}";
        WenjinException error = Assert.Throws<WenjinException>(() => Taxonomy.Parse(json));
        Assert.Contains("terms are at most 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_facet_names_the_facets_there_are()
    {
        WenjinException error = Assert.Throws<WenjinException>(() => Taxonomy.Parse(Valid).Facet("地区"));
        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains("行业, AI技术", error.Message, StringComparison.Ordinal);
    }
}

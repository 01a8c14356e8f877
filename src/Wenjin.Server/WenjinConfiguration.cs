using Wenjin.Hosting;
using Wenjin.Hosting.Models;
using Wenjin.Hosting.Routing;
using Wenjin.Hosting.Search;

namespace Wenjin.Server;

/// <summary>
/// Reads the <see cref="WenjinOptions"/> that configuration can set (CONTRACTS.md "Configuration": section Wenjin, e.g.
/// Wenjin:Chat:BaseUrl or the environment variable Wenjin__Chat__BaseUrl). Used by the server and the command line,
/// so both answer the same way for the same configuration.
/// </summary>
public static class WenjinConfiguration
{
    public static WenjinOptions Read(IConfiguration configuration, long maxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ServerOptions.Section);
        var chat = section.GetSection("Chat").Get<ChatModelOptions>() ?? new ChatModelOptions();
        var embeddings = section.GetSection("Embeddings").Get<EmbeddingModelOptions>() ?? new EmbeddingModelOptions();
        var hybrid = section.GetSection("Hybrid").Get<HybridSearchOptions>() ?? HybridSearchOptions.Default;
        var reranker = section.GetSection("Reranker").Get<RerankerOptions>() ?? new RerankerOptions();
        var parsing = section.GetSection("Parsing").Get<Wenjin.Parsing.ParsingLimits>() ?? Wenjin.Parsing.ParsingLimits.Default;
        var knowledgeBases = new Dictionary<string, KnowledgeBaseModelOptions>(StringComparer.Ordinal);
        foreach (var kb in section.GetSection("KnowledgeBases").GetChildren())
        {
            knowledgeBases[kb.Key] = kb.Get<KnowledgeBaseModelOptions>() ?? new KnowledgeBaseModelOptions();
        }

        return WenjinOptions.Default with
        {
            MaxFileBytes = maxFileBytes,
            Parsing = parsing,
            Chat = chat,
            Embeddings = embeddings,
            Hybrid = hybrid,
            Reranker = reranker,
            KnowledgeBases = knowledgeBases,
        };
    }

    /// <summary>Configuration from environment variables only (the command line has no appsettings.json).</summary>
    public static IConfiguration FromEnvironment() => new ConfigurationBuilder().AddEnvironmentVariables().Build();
}

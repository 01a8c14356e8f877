namespace Wenjin.Hosting.Models;

/// <summary>The rerank API a server speaks (Wenjin:Reranker:Style).</summary>
public enum RerankStyle
{
    /// <summary>
    /// vLLM, Xinference, Jina, Cohere: <c>POST {BaseUrl}/rerank</c> with <c>{"model","query","documents","top_n"}</c> →
    /// <c>{"results":[{"index","relevance_score"},…]}</c>; BaseUrl like http://host:8000/v1.
    /// </summary>
    Cohere,

    /// <summary>
    /// HuggingFace text-embeddings-inference: <c>POST {BaseUrl}/rerank</c> with <c>{"query","texts"}</c> →
    /// <c>[{"index","score"},…]</c>; BaseUrl like http://host:8080.
    /// </summary>
    Tei,
}

namespace Wenjin.Testing.ModelServer;

/// <summary>The two rerank wire formats, told apart by the request body.</summary>
public enum ScriptedRerankStyle
{
    /// <summary>
    /// vLLM, Xinference, Jina, Cohere: <c>{"model","query","documents":[…],"top_n"}</c> →
    /// <c>{"results":[{"index","relevance_score"},…]}</c>.
    /// </summary>
    Cohere,

    /// <summary>HuggingFace text-embeddings-inference: <c>{"query","texts":[…]}</c> → <c>[{"index","score"},…]</c>.</summary>
    Tei,
}

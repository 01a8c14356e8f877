namespace Wenjin.Hosting.Models;

/// <summary>Which API a chat or embedding endpoint speaks (Wenjin:Chat:Provider, Wenjin:Embeddings:Provider).</summary>
public enum ModelProvider
{
    /// <summary>OpenAI-compatible (vLLM, Ollama's /v1, DeepSeek, Qwen/DashScope, …): BaseUrl is the root ending in /v1.</summary>
    OpenAi,

    /// <summary>Ollama's native API (/api/chat, /api/embed) through OllamaSharp: BaseUrl is the Ollama root, e.g. http://127.0.0.1:11434.</summary>
    Ollama,
}

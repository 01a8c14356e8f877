namespace Wenjin.Testing.ModelServer;

/// <summary>The endpoints the scripted server answers (by path; the method is checked after).</summary>
internal enum Endpoint
{
    None,
    Chat,
    Embeddings,
    Models,
    Rerank,
    OllamaChat,
    OllamaEmbed,
}

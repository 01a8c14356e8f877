using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary>The real OpenAI .NET client pointed at a scripted server, seen through Microsoft.Extensions.AI.</summary>
internal static class OpenAIClients
{
    public const string ChatModel = "qwen2.5-7b-instruct";
    public const string EmbeddingModel = "bge-m3";

    /// <summary>A chat client with API key "k"; <paramref name="retries"/> retries 10 ms apart (none by default, so failures show).</summary>
    public static IChatClient Chat(ScriptedModelServer server, int retries = 0, TimeSpan? timeout = null) =>
        new ChatClient(ChatModel, new ApiKeyCredential("k"), Options(server, retries, timeout)).AsIChatClient();

    public static IEmbeddingGenerator<string, Embedding<float>> Embeddings(ScriptedModelServer server, int retries = 0) =>
        new EmbeddingClient(EmbeddingModel, new ApiKeyCredential("k"), Options(server, retries, null)).AsIEmbeddingGenerator();

    private static OpenAIClientOptions Options(ScriptedModelServer server, int retries, TimeSpan? timeout) => new()
    {
        Endpoint = server.BaseUrl,
        RetryPolicy = new FastRetryPolicy(retries),
        NetworkTimeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>The client's own retry rules (which statuses, how many times) with 10 ms between tries instead of seconds.</summary>
    private sealed class FastRetryPolicy(int maxRetries) : ClientRetryPolicy(maxRetries)
    {
        protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) => TimeSpan.FromMilliseconds(10);
    }
}

using Wenjin.Hosting.Models;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// The OpenAI-compatible embeddings endpoint the benchmark embeds with: by default the scripted model server started
/// in this process on 127.0.0.1, answering with <see cref="HashedCharacterNgramModel"/>; or a real model server given
/// on the command line (vLLM, Ollama, text-embeddings-inference…), which is how a semantic model is measured.
/// Disposing stops the scripted server.
/// </summary>
internal sealed class EmbeddingEndpoint : IAsyncDisposable
{
    /// <summary>Texts per embeddings request while chunks are embedded.</summary>
    public const int BatchSize = 64;

    /// <summary>The model name vectors are stored under when the stand-in answers.</summary>
    public const string StandInModel = "bench-hash";

    private readonly ScriptedModelServer? _server;

    private EmbeddingEndpoint(ScriptedModelServer? server, EmbeddingModelOptions options, string description)
    {
        _server = server;
        Options = options;
        Description = description;
    }

    /// <summary>Wenjin:Embeddings pointing at this endpoint.</summary>
    public EmbeddingModelOptions Options { get; }

    /// <summary>What answers, for the report header.</summary>
    public string Description { get; }

    /// <summary>
    /// Whether the stand-in answers: its vectors only know shared characters, so its numbers say nothing about how a
    /// semantic model would fuse.
    /// </summary>
    public bool IsStandIn => _server is not null;

    /// <summary>Embeddings requests the scripted server has received so far; null for an external server (not visible).</summary>
    public int? RequestCount => _server?.EmbeddingRequests.Count;

    public static async Task<EmbeddingEndpoint> StartStandInAsync(int dimensions, CancellationToken cancellationToken = default)
    {
        var model = new HashedCharacterNgramModel(dimensions);
        ScriptedModelServer server = await ScriptedModelServer.StartAsync(cancellationToken).ConfigureAwait(false);
        server.Embeddings.Default = model.EmbedAll;
        var options = new EmbeddingModelOptions { BaseUrl = server.BaseUrl.ToString(), Model = StandInModel, BatchSize = BatchSize };
        return new EmbeddingEndpoint(server, options, $"stand-in '{StandInModel}' on the scripted model server at {server.BaseUrl}: {HashedCharacterNgramModel.Description}, {dimensions} dims");
    }

    public static EmbeddingEndpoint External(string baseUrl, string model) =>
        new(null, new EmbeddingModelOptions { BaseUrl = baseUrl, Model = model, BatchSize = BatchSize }, $"'{model}' at {baseUrl}");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}

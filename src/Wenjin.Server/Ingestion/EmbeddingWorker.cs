using Wenjin.Hosting;

namespace Wenjin.Server.Ingestion;

/// <summary>
/// The hosted worker that keeps chunk vectors current when an embedding model is configured: new and changed chunks
/// are embedded in the background, an interrupted run resumes, a model change re-embeds. Does nothing without one.
/// </summary>
internal sealed class EmbeddingWorker : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly KnowledgeBaseService _service;

    public EmbeddingWorker(KnowledgeBaseService service)
    {
        _service = service;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await _service.RunEmbeddingAsync(Interval, stoppingToken);
    }
}

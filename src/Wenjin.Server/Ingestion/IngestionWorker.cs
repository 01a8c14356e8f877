using Wenjin.Hosting;

namespace Wenjin.Server.Ingestion;

/// <summary>The hosted worker that drains the durable ingestion queue for as long as the server runs.</summary>
internal sealed class IngestionWorker : BackgroundService
{
    private readonly KnowledgeBaseService _service;
    private readonly ILogger<IngestionWorker> _logger;

    public IngestionWorker(KnowledgeBaseService service, ILogger<IngestionWorker> logger)
    {
        _service = service;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _service.IngestFaulted += e => _logger.LogError(e, "Background ingestion failed; the affected documents are retried or marked failed");
        await Task.Yield();
        await _service.RunIngestQueueAsync(stoppingToken);
    }
}

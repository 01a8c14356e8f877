using Wenjin.Documents;
using Wenjin.Ingestion;
using Wenjin.Storage;

namespace Wenjin.Hosting.Ingestion;

/// <summary>
/// Drains the durable ingestion queue: takes a few jobs at a time, runs them through the same pipeline as the command
/// line (so a bad file becomes a failed document, never an exception), moves each job Parsing → Indexing as it goes,
/// and removes a job only after its document was committed. Jobs interrupted by a crash are queued again at start;
/// a job that was taken <see cref="MaxAttempts"/> times without finishing (it keeps crashing the process, or the store
/// keeps failing) is recorded as a failed document instead of being tried forever.
/// </summary>
internal sealed class IngestQueueWorker
{
    public const int MaxAttempts = 3;

    /// <summary>Jobs taken at once: enough to keep every parser busy, few enough to show fine-grained progress.</summary>
    private readonly int _batchSize;

    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);

    private readonly IIngestQueue _queue;
    private readonly IKnowledgeStore _store;
    private readonly IngestionPipeline _pipeline;
    private readonly SourceCollector _collector;
    private readonly SemaphoreSlim _signal = new(0);

    public IngestQueueWorker(IIngestQueue queue, IKnowledgeStore store, IngestionPipeline pipeline, SourceCollector collector, int parallelism)
    {
        _queue = queue;
        _store = store;
        _pipeline = pipeline;
        _collector = collector;
        _batchSize = Math.Max(2, parallelism * 2);
    }

    /// <summary>Raised when a batch failed unexpectedly (its jobs are queued again or failed); for logging.</summary>
    public event Action<Exception>? Faulted;

    /// <summary>Wakes the worker when something was queued.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _queue.Recover();
        while (!cancellationToken.IsCancellationRequested)
        {
            var taken = _queue.Take(_batchSize);
            if (taken.Count == 0)
            {
                try
                {
                    await _signal.WaitAsync(IdlePoll, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            foreach (var group in taken.GroupBy(t => t.Job.Kb, StringComparer.Ordinal))
            {
                await RunGroupAsync(group.Key, [.. group], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunGroupAsync(string kb, List<(IngestJob Job, DocumentSource Source)> jobs, CancellationToken cancellationToken)
    {
        var runnable = new List<(IngestJob Job, DocumentSource Source)>(jobs.Count);
        foreach (var (job, source) in jobs)
        {
            if (job.Attempts > MaxAttempts)
            {
                GiveUp(kb, job, $"Ingestion was interrupted {job.Attempts - 1} times while processing this document (the process stopped or failed); it was not retried again.");
            }
            else
            {
                runnable.Add((job, source));
            }
        }

        if (runnable.Count == 0)
        {
            return;
        }

        var jobBySource = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (job, source) in runnable)
        {
            jobBySource.TryAdd(source.SourceId, job.Id);
        }

        try
        {
            await _pipeline.RunAsync(
                kb,
                _collector.FromSources(runnable.Select(r => r.Source), fromFiles: true),
                progress: null,
                cancellationToken,
                parsed: sourceId =>
                {
                    if (jobBySource.TryGetValue(sourceId, out long jobId))
                    {
                        _queue.SetStatus(jobId, DocumentStatus.Indexing);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the jobs stay taken and are queued again by Recover at the next start.
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Faulted?.Invoke(e);
            if (_store.FindKnowledgeBase(kb) is null)
            {
                return; // deleted meanwhile: its jobs went with it
            }

            foreach (var (job, _) in runnable)
            {
                if (job.Attempts >= MaxAttempts)
                {
                    GiveUp(kb, job, $"Ingestion failed {job.Attempts} times: {e.Message}");
                }
                else
                {
                    _queue.Release(job.Id);
                }
            }

            return;
        }

        bool knowledgeBaseExists = _store.FindKnowledgeBase(kb) is not null;
        foreach (var (job, source) in runnable)
        {
            if (!_queue.Complete(job.Id) && knowledgeBaseExists && source.Extension != "jsonl" && !_queue.List(kb).Any(j => j.DocId == job.DocId))
            {
                // Deleted while it was being processed: the delete wins over the write that finished after it.
                _store.DeleteDocument(kb, job.DocId);
            }
        }
    }

    private void GiveUp(string kb, IngestJob job, string error)
    {
        _store.SaveFailure(kb, new DocumentFailure(job.SourceId, null, error, "queue") { Bytes = job.Bytes, Format = Path.GetExtension(job.FileName).TrimStart('.').ToLowerInvariant() });
        _queue.Complete(job.Id);
    }
}

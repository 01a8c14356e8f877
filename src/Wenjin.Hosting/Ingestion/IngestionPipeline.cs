using System.Diagnostics;
using System.Threading.Channels;
using Wenjin.Ingestion;
using Wenjin.Storage;

namespace Wenjin.Hosting.Ingestion;

/// <summary>
/// Runs ingestion: items are processed by several workers in parallel and stored by one writer in completion order.
/// Each document is written atomically; the documents ready at a time are committed together (at most
/// <see cref="MaxGroup"/>). Progress is reported only after a document's commit, so whatever was reported done survives
/// a crash. Channels are bounded so memory stays flat however large the batch.
/// </summary>
internal sealed class IngestionPipeline
{
    /// <summary>Most documents committed together; small enough that a crash loses little unacknowledged work.</summary>
    private const int MaxGroup = 64;

    private readonly IKnowledgeStore _store;
    private readonly DocumentProcessor _processor;
    private readonly int _parallelism;

    public IngestionPipeline(IKnowledgeStore store, DocumentProcessor processor, int parallelism)
    {
        _store = store;
        _processor = processor;
        _parallelism = Math.Max(1, parallelism);
    }

    /// <summary>Ingests the items; <paramref name="parsed"/>, when given, hears each source id once it is parsed (before it is stored).</summary>
    public async Task<IngestSummary> RunAsync(string kb, IEnumerable<IngestItem> items, IProgress<IngestProgress>? progress, CancellationToken cancellationToken, Action<string>? parsed = null)
    {
        var clock = Stopwatch.StartNew();
        var work = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(_parallelism * 8) { SingleWriter = true });
        var done = Channel.CreateBounded<ProcessedDocument>(new BoundedChannelOptions(_parallelism * 8) { SingleReader = true });
        int total = 0;

        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var item in items)
                    {
                        Interlocked.Increment(ref total);
                        await work.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                    }

                    work.Writer.Complete();
                }
                catch (Exception e)
                {
                    work.Writer.Complete(e);
                }
            },
            cancellationToken);

        var workers = Enumerable.Range(0, _parallelism).Select(_ => Task.Run(
            async () =>
            {
                await foreach (var item in work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    var processed = _processor.Process(kb, item, parsed);
                    await done.Writer.WriteAsync(processed, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken)).ToArray();

        var closer = Task.Run(
            async () =>
            {
                try
                {
                    await Task.WhenAll(workers).ConfigureAwait(false);
                    done.Writer.Complete();
                }
                catch (Exception e)
                {
                    done.Writer.Complete(e);
                }
            },
            CancellationToken.None);

        int indexed = 0, unchanged = 0, failedCount = 0, chunks = 0, count = 0;
        long bytes = 0, characters = 0;
        var failures = new List<IngestFailure>();
        var group = new List<(ProcessedDocument Document, IngestOutcome Outcome)>(MaxGroup);
        while (await done.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Whatever is ready goes into one commit; nothing is reported done before its commit.
            group.Clear();
            using (_store.BeginBatch(MaxGroup))
            {
                while (group.Count < MaxGroup && done.Reader.TryRead(out var processed))
                {
                    var stored = Store(kb, processed);
                    group.Add((stored, stored.Write is not null ? IngestOutcome.Indexed : stored.Failure is not null ? IngestOutcome.Failed : IngestOutcome.Unchanged));
                }
            }

            foreach (var (processed, outcome) in group)
            {
                switch (outcome)
                {
                    case IngestOutcome.Indexed:
                        indexed++;
                        chunks += processed.Write!.Chunks.Count;
                        characters += processed.Write.Text.Length;
                        break;
                    case IngestOutcome.Failed:
                        failedCount++;
                        failures.Add(new IngestFailure(processed.SourceId, processed.Failure!.Stage, processed.Failure.Error));
                        break;
                    default:
                        unchanged++;
                        break;
                }

                bytes += processed.Bytes;
                count++;
                progress?.Report(new IngestProgress(count, Math.Max(count, Volatile.Read(ref total)), bytes, processed.SourceId, outcome));
            }
        }

        await producer.ConfigureAwait(false);
        await closer.ConfigureAwait(false);
        return new IngestSummary(indexed, unchanged, failedCount, chunks, bytes, characters, clock.Elapsed.TotalSeconds) { Failures = failures };
    }

    /// <summary>Writes one processed document; a store error becomes a failure of that document (its write left no trace).</summary>
    private ProcessedDocument Store(string kb, ProcessedDocument processed)
    {
        if (processed.Write is { } write)
        {
            try
            {
                _store.SaveDocument(kb, write);
                return processed;
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                processed = processed with { Write = null, Failure = new DocumentFailure(write.SourceId, write.ContentHash, $"Could not store the document: {e.Message}", "store") { Bytes = write.Bytes, Format = write.Format } };
            }
        }

        if (processed.Failure is { } failure)
        {
            _store.SaveFailure(kb, failure);
        }

        return processed;
    }
}

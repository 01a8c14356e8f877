using System.Text;
using Wenjin.Bench.Corpus;
using Wenjin.Bench.Engines;
using Wenjin.Documents;
using Wenjin.Hosting;

namespace Wenjin.Bench.Qa;

/// <summary>A throw-away Wenjin data directory holding one BEIR corpus as the knowledge base <see cref="Name"/>.</summary>
internal sealed class QaKnowledgeBase : IDisposable
{
    public const string Name = "qa";

    private readonly TemporaryDirectory _folder;

    private QaKnowledgeBase(TemporaryDirectory folder, KnowledgeBaseService service)
    {
        _folder = folder;
        Service = service;
    }

    public KnowledgeBaseService Service { get; }

    /// <summary>Ingests the corpus of a BEIR folder (title + text of each record, as the retrieval benchmark does).</summary>
    public static async Task<QaKnowledgeBase> CreateAsync(string datasetDirectory)
    {
        var folder = new TemporaryDirectory("wenjin-bench-qa");
        var service = KnowledgeBaseService.Open(folder.FullPath);
        var sources = CorpusReader.Read(Path.Combine(datasetDirectory, "corpus.jsonl"))
            .Select(d => new DocumentSource(d.Id, d.Id + ".txt", Encoding.UTF8.GetBytes(d.IndexedText)) { Title = d.Title });
        var summary = await service.IngestAsync(Name, sources).ConfigureAwait(false);
        Console.Error.WriteLine($"[qa] {Path.GetFileName(Path.TrimEndingDirectorySeparator(datasetDirectory))}: {summary.Indexed} documents, {summary.Chunks} chunks, {summary.Failed} failed");
        return new QaKnowledgeBase(folder, service);
    }

    public void Dispose()
    {
        Service.Dispose();
        _folder.Dispose();
    }
}

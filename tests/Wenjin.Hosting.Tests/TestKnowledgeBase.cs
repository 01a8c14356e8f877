using Wenjin.Storage;
using Wenjin.Storage.Sqlite;

namespace Wenjin.Hosting.Tests;

/// <summary>A data directory in a temp folder with the <see cref="Corpus"/> ingested into the knowledge base "kb".</summary>
internal sealed class TestKnowledgeBase : IDisposable
{
    public const string Name = "kb";

    private readonly TempDirectory _temp;

    private TestKnowledgeBase(TempDirectory temp, KnowledgeBaseService service)
    {
        _temp = temp;
        Service = service;
    }

    public KnowledgeBaseService Service { get; }

    public string DataDirectory => _temp.Combine("data");

    public static async Task<TestKnowledgeBase> CreateAsync(CancellationToken cancellationToken)
    {
        var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        var service = KnowledgeBaseService.Open(temp.Combine("data"));
        var summary = await service.IngestPathsAsync(Name, [docs], cancellationToken: cancellationToken);
        Assert.Equal(Corpus.SourceIds.Count, summary.Indexed);
        Assert.Equal(0, summary.Failed);
        return new TestKnowledgeBase(temp, service);
    }

    /// <summary>The stored extracted text of a document, read through a second store on the same database file.</summary>
    public string StoredText(string docId)
    {
        using var store = SqliteKnowledgeStore.Open(Path.Combine(DataDirectory, KnowledgeBaseService.DatabaseFileName));
        return store.GetDocumentText(Name, docId) ?? throw new InvalidOperationException($"no text stored for {docId}");
    }

    public DocumentInfo Document(string sourceId)
    {
        using var store = SqliteKnowledgeStore.Open(Path.Combine(DataDirectory, KnowledgeBaseService.DatabaseFileName));
        return store.FindDocumentBySource(Name, sourceId) ?? throw new InvalidOperationException($"no document {sourceId}");
    }

    public void Dispose()
    {
        Service.Dispose();
        _temp.Dispose();
    }
}

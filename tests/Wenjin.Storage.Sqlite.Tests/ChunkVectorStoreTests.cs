using Wenjin.Analysis;
using Wenjin.Errors;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>Chunk embeddings in the store's SQLite file.</summary>
public sealed class ChunkVectorStoreTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-vector-store-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteKnowledgeStore _store;
    private readonly SqliteChunkVectorStore _vectors;

    public ChunkVectorStoreTests()
    {
        _store = SqliteKnowledgeStore.Open(Path.Combine(_directory, "wenjin.db"));
        _vectors = SqliteChunkVectorStore.Open(_store);
        _store.CreateKnowledgeBase("kb", null, Analyzer);
    }

    public void Dispose()
    {
        _vectors.Dispose();
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void ANewKnowledgeBase_HasNoModel_AndEveryChunkIsPending()
    {
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", "标题甲", "第一段 内容", "第二段 内容"));

        EmbeddingState state = _vectors.GetState("kb");

        Assert.Null(state.Model);
        Assert.Equal(2, state.Chunks);
        Assert.Equal(2, state.Pending);
        var pending = _vectors.ListUnembedded("kb", 0, 10);
        Assert.Equal(["第一段 内容", "第二段 内容"], pending.Select(c => c.Text));
        Assert.All(pending, c => Assert.Equal("标题甲", c.Title));
        Assert.True(pending[0].Key < pending[1].Key);
    }

    [Fact]
    public void SavedVectors_AreReadBackInHalfPrecision_InSequenceOrder_AndCounted()
    {
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "甲", "乙", "丙"));
        _vectors.UseModel("kb", "bge-m3");
        var chunks = _vectors.ListUnembedded("kb", 0, 10);

        int stored = _vectors.SaveVectors("kb", "bge-m3", [new ChunkVector(chunks[2].Key, new float[] { 0.5f, -0.25f, 1f / 3 }), new ChunkVector(chunks[0].Key, new float[] { 1, 0, 0 })]);

        Assert.Equal(2, stored);
        EmbeddingState state = _vectors.GetState("kb");
        Assert.Equal(("bge-m3", 3, 2L, 3L, 1L), (state.Model, state.Dimensions, state.Embedded, state.Chunks, state.Pending));
        Assert.Equal([chunks[1].Key], _vectors.ListUnembedded("kb", 0, 10).Select(c => c.Key));
        var read = new List<(long Key, long Sequence, float[] Vector)>();
        _vectors.ReadVectors("kb", 0, (key, sequence, vector) => read.Add((key, sequence, vector.ToArray())));
        Assert.Equal([chunks[2].Key, chunks[0].Key], read.Select(r => r.Key));
        Assert.True(read[0].Sequence < read[1].Sequence);
        Assert.Equal(state.Sequence, read[1].Sequence);
        Assert.Equal(0.5f, read[0].Vector[0]);
        Assert.Equal(-0.25f, read[0].Vector[1]);
        Assert.Equal(1f / 3, read[0].Vector[2], 0.001f);

        var after = new List<long>();
        _vectors.ReadVectors("kb", read[0].Sequence, (key, _, _) => after.Add(key));
        Assert.Equal([chunks[0].Key], after);
    }

    [Fact]
    public void ReplacingADocument_DeletesItsVectors_CountsTheDeletions_AndItsNewChunksArePending()
    {
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "旧 一", "旧 二"));
        _vectors.UseModel("kb", "m");
        var old = _vectors.ListUnembedded("kb", 0, 10);
        _vectors.SaveVectors("kb", "m", old.Select(c => new ChunkVector(c.Key, new float[] { 1, 2 })).ToArray());

        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "新 一", "新 二", "新 三"));

        EmbeddingState state = _vectors.GetState("kb");
        Assert.Equal((0L, 3L, 2L), (state.Embedded, state.Chunks, state.Deletions));
        Assert.Equal(["新 一", "新 二", "新 三"], _vectors.ListUnembedded("kb", 0, 10).Select(c => c.Text));
    }

    [Fact]
    public void AVectorForAChunkThatIsGone_IsSkipped()
    {
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "甲"));
        _vectors.UseModel("kb", "m");
        long key = _vectors.ListUnembedded("kb", 0, 10)[0].Key;
        _store.DeleteDocument("kb", _store.ListDocuments("kb")[0].Id);

        Assert.Equal(0, _vectors.SaveVectors("kb", "m", [new ChunkVector(key, new float[] { 1 })]));
        Assert.Equal(0, _vectors.GetState("kb").Embedded);
    }

    [Fact]
    public void ChangingTheModel_DeletesTheStaleVectors_AndVectorsOfTheOldModelAreRefused()
    {
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "甲", "乙"));
        _vectors.UseModel("kb", "old-model");
        var chunks = _vectors.ListUnembedded("kb", 0, 10);
        _vectors.SaveVectors("kb", "old-model", chunks.Select(c => new ChunkVector(c.Key, new float[] { 1, 0, 0, 0 })).ToArray());

        EmbeddingState state = _vectors.UseModel("kb", "new-model");

        Assert.Equal(("new-model", 0, 0L, 2L, 2L), (state.Model, state.Dimensions, state.Embedded, state.Pending, state.Deletions));
        Assert.Equal(0, _vectors.SaveVectors("kb", "old-model", [new ChunkVector(chunks[0].Key, new float[] { 1, 0, 0, 0 })]));
        Assert.Equal(1, _vectors.SaveVectors("kb", "new-model", [new ChunkVector(chunks[0].Key, new float[] { 0, 1 })]));
        Assert.Equal(2, _vectors.GetState("kb").Dimensions);
        Assert.Equal("new-model", _vectors.UseModel("kb", "new-model").Model);
        Assert.Equal(1, _vectors.GetState("kb").Embedded);
    }

    [Fact]
    public void AVectorOfAnotherLength_IsRefusedWithAMessageThatSaysWhatToDo()
    {
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "甲", "乙"));
        _vectors.UseModel("kb", "m");
        var chunks = _vectors.ListUnembedded("kb", 0, 10);
        _vectors.SaveVectors("kb", "m", [new ChunkVector(chunks[0].Key, new float[] { 1, 0, 0 })]);

        var error = Assert.Throws<WenjinException>(() => _vectors.SaveVectors("kb", "m", [new ChunkVector(chunks[1].Key, new float[] { 1, 0 })]));

        Assert.Contains("2-dimensional", error.Message);
        Assert.Contains("Dimensions", error.Message);
        Assert.Equal(1, _vectors.GetState("kb").Embedded);
    }

    [Fact]
    public void ListUnembedded_PagesByKey_AndSeesOnlyItsKnowledgeBase()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        _store.SaveDocument("other", SampleDocuments.Create("o.txt", null, "别处"));
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "一", "二", "三"));

        var first = _vectors.ListUnembedded("kb", 0, 2);
        var rest = _vectors.ListUnembedded("kb", first[^1].Key, 2);

        Assert.Equal(["一", "二"], first.Select(c => c.Text));
        Assert.Equal(["三"], rest.Select(c => c.Text));
        Assert.Throws<WenjinException>(() => _vectors.GetState("missing"));
    }

    [Fact]
    public void DeletingTheKnowledgeBase_DeletesItsVectors()
    {
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "甲"));
        _vectors.UseModel("kb", "m");
        var chunk = _vectors.ListUnembedded("kb", 0, 10)[0];
        _vectors.SaveVectors("kb", "m", [new ChunkVector(chunk.Key, new float[] { 1 })]);

        _store.DeleteKnowledgeBase("kb");
        _store.CreateKnowledgeBase("kb", null, Analyzer);

        Assert.Null(_vectors.GetState("kb").Model);
        var none = new List<long>();
        _vectors.ReadVectors("kb", 0, (key, _, _) => none.Add(key));
        Assert.Empty(none);
    }
}

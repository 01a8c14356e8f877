namespace Wenjin.Storage.Sqlite.Tests;

public sealed class FrequencyCacheTests
{
    [Fact]
    public void AReaderOnAnOlderSnapshot_NeverSeesANewerRevisionsFrequency()
    {
        var cache = new FrequencyCache();
        cache.Set(1, revision: 7, "共同", 189);

        Assert.False(cache.TryGet(1, revision: 6, "共同", out _));
        Assert.True(cache.TryGet(1, revision: 7, "共同", out long frequency));
        Assert.Equal(189, frequency);
    }

    [Fact]
    public void AnOlderRevision_DoesNotReplaceANewerOne()
    {
        var cache = new FrequencyCache();
        cache.Set(1, revision: 7, "共同", 189);
        cache.Set(1, revision: 6, "共同", 141);

        Assert.False(cache.TryGet(1, revision: 6, "共同", out _));
        Assert.True(cache.TryGet(1, revision: 7, "共同", out long frequency));
        Assert.Equal(189, frequency);
    }

    [Fact]
    public void ANewerRevision_ReplacesTheOlderEntries_PerKnowledgeBase()
    {
        var cache = new FrequencyCache();
        cache.Set(1, revision: 6, "甲", 3);
        cache.Set(2, revision: 6, "甲", 5);
        cache.Set(1, revision: 8, "乙", 4);

        Assert.False(cache.TryGet(1, revision: 6, "甲", out _));
        Assert.True(cache.TryGet(2, revision: 6, "甲", out long other));
        Assert.Equal(5, other);

        cache.Forget(2);
        Assert.False(cache.TryGet(2, revision: 6, "甲", out _));
    }
}

using Wenjin.Documents;
using Wenjin.Text.Chunking;
using Xunit;

namespace Wenjin.Text.Tests.Chunking;

public sealed class StructureChunkerGoldenTests
{
    public static TheoryData<string> Documents => new(SampleDocuments.Names);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Chunks_match_the_reviewed_listing(string name)
    {
        var chunks = new StructureChunker().Chunk(SampleDocuments.ByName(name));

        GoldenFile.AssertMatches(name, ChunkListing.Render(chunks));
    }

    [Fact]
    public void Small_chunks_of_the_chinese_report_match_the_reviewed_listing()
    {
        var options = new ChunkingOptions { TargetChars = 120, MaxChars = 200, OverlapChars = 30 };

        var chunks = new StructureChunker(options).Chunk(SampleDocuments.ChineseReport());

        GoldenFile.AssertMatches("chinese-report-small", ChunkListing.Render(chunks));
    }
}

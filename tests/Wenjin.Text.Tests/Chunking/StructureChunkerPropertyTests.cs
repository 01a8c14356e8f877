using System.Text.RegularExpressions;
using Wenjin.Documents;
using Wenjin.Text.Chunking;
using Xunit;

namespace Wenjin.Text.Tests.Chunking;

/// <summary>Invariants that hold for every document and every option set, checked on the samples and on random documents.</summary>
public sealed partial class StructureChunkerPropertyTests
{
    private static readonly ChunkingOptions[] OptionSets =
    [
        ChunkingOptions.Default,
        new() { TargetChars = 80, MaxChars = 120, OverlapChars = 20 },
        new() { TargetChars = 200, MaxChars = 200, OverlapChars = 0 },
    ];

    public static TheoryData<string> Samples => new(SampleDocuments.Names);

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_documents_satisfy_the_chunk_invariants(string name)
    {
        var document = SampleDocuments.ByName(name);
        foreach (var options in OptionSets)
        {
            AssertInvariants(document, options);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_documents_satisfy_the_chunk_invariants(int seed)
    {
        var document = SampleDocuments.Random(seed);
        foreach (var options in OptionSets)
        {
            AssertInvariants(document, options);
        }
    }

    private static void AssertInvariants(ParsedDocument document, ChunkingOptions options)
    {
        var chunks = new StructureChunker(options).Chunk(document);
        var blocks = document.Blocks;

        for (int i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Assert.Equal(i, chunk.Ordinal);
            Assert.True(chunk.Start < chunk.End, $"chunk {i} is empty");
            Assert.Equal(chunk.Text.Trim(), chunk.Text);
            if (i > 0)
            {
                Assert.True(chunks[i - 1].Start < chunk.Start, $"chunk {i} starts before chunk {i - 1}");
                Assert.True(chunks[i - 1].End <= chunk.End, $"chunk {i} ends before chunk {i - 1}");
            }

            Assert.Equal(ExpectedHeadingPath(blocks, document.Text, chunk.Start), chunk.HeadingPath);
            Assert.DoesNotContain(blocks, b => b.Kind == BlockKind.Heading && b.Start > chunk.Start && b.Start < chunk.End && !IsBlank(document.Text, b));

            if (chunk.IsTable)
            {
                AssertTableChunk(document, chunk);
            }
            else
            {
                Assert.Equal(document.Text[chunk.Start..chunk.End], chunk.Text);
                Assert.True(chunk.Text.Length <= options.MaxChars, $"chunk {i} has {chunk.Text.Length} characters");
                Assert.DoesNotContain(blocks, b => b.Kind == BlockKind.TableRow && b.Start < chunk.End && b.End > chunk.Start && !IsBlank(document.Text, b));
                Assert.Equal(document.PageAt(chunk.Start), chunk.Page);
                if (i > 0 && !chunks[i - 1].IsTable && chunks[i - 1].End > chunk.Start)
                {
                    Assert.True(chunks[i - 1].End - chunk.Start <= options.OverlapChars * 2, $"chunk {i} overlaps by {chunks[i - 1].End - chunk.Start}");
                }
            }
        }

        IReadOnlyList<DocumentBlock> prose = blocks.Count == 0
            ? [new DocumentBlock(BlockKind.Paragraph, 0, document.Text.Length)]
            : blocks.Where(b => b.Kind is not (BlockKind.Heading or BlockKind.TableRow)).ToList();
        foreach (var block in prose)
        {
            for (int c = block.Start; c < block.End; c++)
            {
                if (!char.IsWhiteSpace(document.Text[c]))
                {
                    Assert.Contains(chunks, chunk => !chunk.IsTable && chunk.Start <= c && c < chunk.End);
                }
            }
        }

        foreach (var row in blocks.Where(b => b.Kind == BlockKind.TableRow && !b.IsHeaderRow && !IsBlank(document.Text, b)))
        {
            string rowText = document.Text[row.Start..row.End].Trim();
            Assert.Contains(chunks, chunk => chunk.IsTable && chunk.Start <= row.Start && row.End <= chunk.End && chunk.Text.Contains(rowText, StringComparison.Ordinal));
        }
    }

    /// <summary>A table chunk's text starts with its table's header rows and its span holds only rows of that table.</summary>
    private static void AssertTableChunk(ParsedDocument document, Chunk chunk)
    {
        var rows = document.Blocks.Where(b => b.Start < chunk.End && b.End > chunk.Start).ToList();
        Assert.All(rows, b => Assert.Equal(BlockKind.TableRow, b.Kind));
        int? tableId = rows[0].TableId;
        Assert.All(rows, b => Assert.Equal(tableId, b.TableId));

        var headers = document.Blocks.Where(b => b.Kind == BlockKind.TableRow && b.IsHeaderRow && tableId is not null && b.TableId == tableId).ToList();
        if (tableId is null)
        {
            int first = IndexOf(document.Blocks, rows[0]);
            while (first > 0 && document.Blocks[first - 1].Kind == BlockKind.TableRow && document.Blocks[first - 1].TableId is null)
            {
                first--;
            }

            headers = document.Blocks.Skip(first).TakeWhile(b => b.Kind == BlockKind.TableRow && b.TableId is null && b.IsHeaderRow).ToList();
        }

        if (headers.Count > 0)
        {
            string header = string.Join("\n", headers.Select(h => document.Text[h.Start..h.End].Trim()));
            Assert.StartsWith(header, chunk.Text, StringComparison.Ordinal);
        }
    }

    private static int IndexOf(IReadOnlyList<DocumentBlock> blocks, DocumentBlock block)
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            if (ReferenceEquals(blocks[i], block))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The heading stack as it stands at <paramref name="offset"/>, computed naively from all headings before it.</summary>
    private static List<string> ExpectedHeadingPath(IReadOnlyList<DocumentBlock> blocks, string text, int offset)
    {
        var stack = new List<(int Level, string Text)>();
        bool headingsOnly = blocks.All(b => b.Kind == BlockKind.Heading);
        foreach (var heading in blocks.Where(b => b.Kind == BlockKind.Heading && b.Start < offset && !IsBlank(text, b) && !headingsOnly))
        {
            int level = Math.Max(1, heading.Level);
            stack.RemoveAll(h => h.Level >= level);
            stack.Add((level, WhiteSpaceRun().Replace(text[heading.Start..heading.End].Trim(), " ")));
        }

        return stack.Select(h => h.Text).ToList();
    }

    private static bool IsBlank(string text, DocumentBlock block) => string.IsNullOrWhiteSpace(text[block.Start..block.End]);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpaceRun();
}

using Wenjin.Documents;

namespace Wenjin.Parsing.Tests.Golden;

/// <summary>What every parsed document must satisfy: spans inside Text, in order, non-overlapping, trimmed; pages consistent.</summary>
internal static class DocumentInvariants
{
    public static void Check(ParsedDocument document)
    {
        Assert.NotEmpty(document.Blocks);
        int previousEnd = 0;
        foreach (DocumentBlock block in document.Blocks)
        {
            Assert.InRange(block.Start, previousEnd, document.Text.Length);
            Assert.InRange(block.End, block.Start + 1, document.Text.Length);
            string text = document.Text[block.Start..block.End];
            Assert.Equal(text.Trim(), text);
            Assert.Equal(block.Kind == BlockKind.TableRow, block.TableId is not null);
            Assert.Equal(block.Kind == BlockKind.Heading, block.Level > 0);
            previousEnd = block.End;
        }

        Assert.Equal(document.Text.Trim(), document.Text);
        if (document.PageCount is int pages)
        {
            Assert.Equal(pages, document.PageStarts.Count);
            Assert.Equal(0, document.PageStarts[0]);
            for (int i = 1; i < pages; i++)
            {
                Assert.True(document.PageStarts[i] >= document.PageStarts[i - 1], "page starts must not decrease");
            }

            foreach (DocumentBlock block in document.Blocks)
            {
                Assert.NotNull(block.Page);
                Assert.Equal(block.Page, document.PageAt(block.Start));
            }
        }
        else
        {
            Assert.Empty(document.PageStarts);
            Assert.All(document.Blocks, b => Assert.Null(b.Page));
        }
    }
}

using Wenjin.Documents;

namespace Wenjin.Text.Chunking;

/// <summary>
/// Paragraph blocks for a document that came without any: runs of lines separated by blank lines, or every non-blank
/// line when the text has no blank line at all.
/// </summary>
internal static class PlainTextParagraphs
{
    public static IReadOnlyList<DocumentBlock> Find(string text)
    {
        var lines = new List<(int Start, int End, bool Blank)>();
        bool anyBlank = false;
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int newline = text.IndexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.Length : newline;
            bool blank = text.AsSpan(lineStart, lineEnd - lineStart).IsWhiteSpace();
            lines.Add((lineStart, lineEnd, blank));
            anyBlank |= blank && lines.Count > 1 && newline >= 0;
            if (newline < 0)
            {
                break;
            }

            lineStart = newline + 1;
        }

        var blocks = new List<DocumentBlock>();
        int runStart = -1, runEnd = -1;
        foreach (var line in lines)
        {
            if (line.Blank)
            {
                Close(blocks, ref runStart, runEnd);
                continue;
            }

            if (runStart < 0)
            {
                runStart = line.Start;
            }
            else if (!anyBlank)
            {
                Close(blocks, ref runStart, runEnd);
                runStart = line.Start;
            }

            runEnd = line.End;
        }

        Close(blocks, ref runStart, runEnd);
        return blocks;
    }

    private static void Close(List<DocumentBlock> blocks, ref int runStart, int runEnd)
    {
        if (runStart >= 0)
        {
            blocks.Add(new DocumentBlock(BlockKind.Paragraph, runStart, runEnd));
            runStart = -1;
        }
    }
}

using System.Text;
using UglyToad.PdfPig.Content;
using Wenjin.Parsing.Repair;

namespace Wenjin.Parsing.Parsers;

/// <summary>
/// Groups a page's letters into lines: letters whose baselines lie within half a font size share a line, lines run
/// top to bottom and letters left to right. A space is inserted where the gap between letters exceeds a fifth of the
/// font size (three fifths between CJK characters, which are set with wider spacing). Overprinted duplicate letters
/// (fake bold) are dropped.
/// </summary>
internal static class PdfLineReader
{
    public static List<PdfLine> ReadLines(Page page)
    {
        var letters = page.Letters.Where(l => l.TextOrientation == TextOrientation.Horizontal && l.Value.Length > 0).ToList();
        if (letters.Count == 0)
        {
            letters = [.. page.Letters.Where(l => l.Value.Length > 0)];
        }

        letters.Sort((a, b) => b.StartBaseLine.Y.CompareTo(a.StartBaseLine.Y));
        var lines = new List<PdfLine>();
        var current = new List<Letter>();
        double baseline = double.NaN;
        foreach (Letter letter in letters)
        {
            double tolerance = 0.5 * SizeOf(letter);
            if (current.Count > 0 && Math.Abs(letter.StartBaseLine.Y - baseline) > tolerance)
            {
                AddLine(lines, current);
                current.Clear();
            }

            if (current.Count == 0)
            {
                baseline = letter.StartBaseLine.Y;
            }

            current.Add(letter);
        }

        AddLine(lines, current);
        return lines;
    }

    private static void AddLine(List<PdfLine> lines, List<Letter> letters)
    {
        if (letters.Count == 0)
        {
            return;
        }

        letters.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
        var text = new StringBuilder();
        Letter? previous = null;
        bool pendingSpace = false;
        double left = double.NaN;
        double size = 0;
        foreach (Letter letter in letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                pendingSpace = previous is not null;
                continue;
            }

            double letterSize = SizeOf(letter);
            if (previous is not null)
            {
                double gap = letter.StartBaseLine.X - previous.EndBaseLine.X;
                if (letter.Value == previous.Value && Math.Abs(letter.StartBaseLine.X - previous.StartBaseLine.X) < 0.1 * letterSize)
                {
                    continue;
                }

                bool cjk = ScriptClass.IsCjk(previous.Value[^1]) && ScriptClass.IsCjk(letter.Value[0]);
                double threshold = (cjk ? 0.6 : 0.2) * Math.Max(letterSize, SizeOf(previous));
                if (pendingSpace || gap > threshold)
                {
                    text.Append(' ');
                }
            }
            else
            {
                left = letter.StartBaseLine.X;
            }

            text.Append(letter.Value);
            size = Math.Max(size, letterSize);
            previous = letter;
            pendingSpace = false;
        }

        if (previous is not null)
        {
            lines.Add(new PdfLine(text.ToString(), letters[0].StartBaseLine.Y, left, size));
        }
    }

    private static double SizeOf(Letter letter)
    {
        double size = letter.PointSize > 0 ? letter.PointSize : letter.BoundingBox.Height;
        return size > 0 ? size : 10;
    }
}

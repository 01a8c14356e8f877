using System.Runtime.CompilerServices;
using System.Text;
using Wenjin.Documents;

namespace Wenjin.Parsing.Tests.Golden;

/// <summary>
/// Golden files: a parsed document rendered as its metadata, its text and one line per block
/// ("[kind page start-end] text"). Compared with Fixtures/NAME.golden.txt; WENJIN_UPDATE_GOLDEN=1 rewrites the golden
/// file in the source tree instead (review every change by eye).
/// </summary>
internal static class GoldenFile
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] ReadFixture(string name) => File.ReadAllBytes(FixturePath(name));

    public static string Render(ParsedDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("format: ").Append(document.Format).Append('\n');
        sb.Append("encoding: ").Append(document.Encoding ?? "-").Append('\n');
        sb.Append("title: ").Append(document.Title ?? "-").Append('\n');
        sb.Append("pages: ").Append(document.PageCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        if (document.PageStarts.Count > 0)
        {
            sb.Append(" starts ").Append(string.Join(",", document.PageStarts));
        }

        sb.Append("\n==== text ====\n").Append(document.Text).Append("\n==== blocks ====\n");
        foreach (DocumentBlock block in document.Blocks)
        {
            string kind = block.Kind switch
            {
                BlockKind.Heading => $"h{block.Level}",
                BlockKind.Paragraph => "p",
                BlockKind.ListItem => "li",
                BlockKind.TableRow => $"row t{block.TableId}{(block.IsHeaderRow ? " header" : string.Empty)}",
                BlockKind.Code => "code",
                _ => block.Kind.ToString(),
            };
            string page = block.Page?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            string text = document.Text[block.Start..block.End].Replace("\n", "\\n", StringComparison.Ordinal);
            sb.Append('[').Append(kind).Append(' ').Append(page).Append(' ').Append(block.Start).Append('-').Append(block.End).Append("] ").Append(text).Append('\n');
        }

        return sb.ToString();
    }

    public static void Verify(string name, ParsedDocument document, [CallerFilePath] string callerPath = "")
    {
        string actual = Render(document);
        string goldenName = name + ".golden.txt";
        if (Environment.GetEnvironmentVariable("WENJIN_UPDATE_GOLDEN") == "1")
        {
            string sourceFixtures = Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "Fixtures");
            File.WriteAllText(Path.Combine(sourceFixtures, goldenName), actual, new UTF8Encoding(false));
            return;
        }

        string path = FixturePath(goldenName);
        Assert.True(File.Exists(path), $"golden file {goldenName} is missing; run the tests with WENJIN_UPDATE_GOLDEN=1 and review it");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }
}

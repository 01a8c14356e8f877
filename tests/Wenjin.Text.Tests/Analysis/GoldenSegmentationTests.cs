using System.Runtime.CompilerServices;
using System.Text;
using Wenjin.Analysis;
using Wenjin.Text.Analysis;
using Xunit;

namespace Wenjin.Text.Tests.Analysis;

/// <summary>
/// Segmentation of realistic sentences against a reviewed golden file. After an intended change, regenerate with
/// WENJIN_UPDATE_GOLDEN=1, review the diff of GoldenTokens.txt by eye, and bump the analyzer version.
/// </summary>
public sealed class GoldenSegmentationTests
{
    [Fact]
    public void Sentences_AnalyzeAsTheGoldenFileSays()
    {
        string folder = SourceFolder();
        string[] sentences = File.ReadAllLines(Path.Combine(folder, "GoldenSentences.txt"), Encoding.UTF8);
        string actual = Render(sentences);
        string goldenPath = Path.Combine(folder, "GoldenTokens.txt");
        if (Environment.GetEnvironmentVariable("WENJIN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual, new UTF8Encoding(false));
        }

        string[] expectedLines = File.ReadAllText(goldenPath, Encoding.UTF8).ReplaceLineEndings("\n").Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
        {
            Assert.Equal(expectedLines[i], actualLines[i]);
        }

        Assert.Equal(expectedLines.Length, actualLines.Length);
    }

    /// <summary>One block per sentence: the sentence, then its words separated by " | ", recall terms in parentheses.</summary>
    private static string Render(string[] sentences)
    {
        var builder = new StringBuilder();
        foreach (string sentence in sentences)
        {
            if (sentence.Length == 0)
            {
                continue;
            }

            List<AnalyzedToken> tokens = ChineseAnalyzer.Shared.Analyze(sentence);
            builder.Append(sentence).Append('\n').Append("→ ");
            for (int i = 0; i < tokens.Count; i++)
            {
                bool isWord = i == 0 || tokens[i].Position != tokens[i - 1].Position;
                bool nextIsRecall = i + 1 < tokens.Count && tokens[i + 1].Position == tokens[i].Position;
                if (isWord)
                {
                    builder.Append(i == 0 ? string.Empty : " | ").Append(tokens[i].Term);
                    builder.Append(nextIsRecall ? "(" : string.Empty);
                }
                else
                {
                    builder.Append(tokens[i].Term).Append(nextIsRecall ? " " : ")");
                }
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

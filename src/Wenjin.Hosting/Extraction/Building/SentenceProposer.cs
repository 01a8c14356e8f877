using System.Text.Json.Nodes;
using Wenjin.Text.Chunking;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The free-text hints. summary: the TextRank summary (<see cref="ExtractiveSummarizer"/>) of at most
/// <see cref="SummarySentences"/> sentences and <see cref="SummaryCharacters"/> characters, in document order.
/// sentence-with: the best-ranked sentence holding one of the cue words; when no ranked sentence holds one (a short
/// document, a headline), the first sentence that does. Sentences are read through PDF line breaks.
/// </summary>
internal static class SentenceProposer
{
    public const int SummarySentences = 3;
    public const int SummaryCharacters = 300;

    private const int RankedSentences = 200;
    private const int MinSentenceCharacters = 8;

    private static readonly ExtractiveSummarizer Summarizer = new();
    private static readonly SentenceSplitter Splitter = new();

    public static JsonNode? ProposeSummary(DocumentReading reading)
    {
        var sentences = Summarizer.Summarize(reading.Text, SummarySentences, SummaryCharacters);
        return sentences.Count == 0 ? null : JsonValue.Create(string.Concat(sentences.Select(s => s.Text.Trim())));
    }

    public static JsonNode? ProposeSentenceWith(SourceHint hint, DocumentReading reading)
    {
        string[] cues = [.. hint.Arguments.Select(FoldedText.Fold).Where(c => c.Length > 0)];
        if (cues.Length == 0)
        {
            return null;
        }

        var ranked = Summarizer.Summarize(reading.Text, RankedSentences, int.MaxValue);
        var best = ranked
            .Where(s => HoldsCue(s.Text, cues))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Span.Start)
            .FirstOrDefault();
        if (best is not null)
        {
            return JsonValue.Create(best.Text.Trim());
        }

        foreach (var sentence in Splitter.Split(reading.Text))
        {
            string text = DocumentReading.Clean(reading.Text.AsSpan(sentence.Start, sentence.Length));
            if (text.Count(c => char.IsLetter(c)) >= MinSentenceCharacters && !text.Contains("://", StringComparison.Ordinal) && HoldsCue(text, cues))
            {
                return JsonValue.Create(text.TrimStart('#', ' '));
            }
        }

        return null;
    }

    private static bool HoldsCue(string sentence, string[] cues)
    {
        string folded = FoldedText.Fold(sentence);
        return cues.Any(c => folded.Contains(c, StringComparison.Ordinal));
    }
}

using System.Globalization;
using Wenjin.Bench.Corpus;
using Wenjin.Bench.Qa;
using Wenjin.Hosting.Answering.Generation;
using Wenjin.Storage;
using Wenjin.Text.Analysis;

namespace Wenjin.Bench.Verification;

/// <summary>
/// How the answer verifier treats scripted model drafts. For each answerable question of a SQuAD-derived BEIR folder,
/// the passages a model would see are the gold paragraph and two others (the gold one at a varying number), and drafts
/// are written the way models go wrong: the gold sentence cited correctly (must be kept), the same sentence with a
/// number changed, cited to a wrong or non-existent passage, not cited at all, and another paragraph's sentence cited
/// to the gold passage (each must be dropped). No model is involved: this measures the verifier alone.
/// </summary>
internal static class VerifyCommand
{
    public static int Run(CommandLineOptions options)
    {
        string dataset = options.Required("dataset");
        int limit = options.PositiveInt("limit-queries") ?? 1000;
        var corpus = CorpusReader.Read(Path.Combine(dataset, "corpus.jsonl")).ToList();
        var byText = corpus.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var items = QaSetBuilder.Build(dataset, null).Where(i => i.Answer is not null && i.Quote is not null).Take(limit).ToList();
        var verifier = new AnswerVerifier(ChineseAnalyzer.Shared, VerificationOptions.Default);
        var random = new Random(7);
        var tally = new Dictionary<string, VariantTally>(StringComparer.Ordinal);

        foreach (var item in items)
        {
            var gold = corpus.FirstOrDefault(d => d.Text.Contains(item.Quote!, StringComparison.Ordinal));
            if (gold is null)
            {
                continue;
            }

            var others = Enumerable.Range(0, 2).Select(_ => corpus[random.Next(corpus.Count)]).Where(d => d.Id != gold.Id).ToList();
            if (others.Count < 2)
            {
                continue;
            }

            int goldNumber = random.Next(1, 4);
            var documents = new List<CorpusDocument>(others);
            documents.Insert(goldNumber - 1, gold);
            var passages = documents.Select((d, i) => new VerificationPassage(i + 1, new ChunkCandidate($"{d.Id}-0", d.Id, d.Id, d.Text, 0, d.Text.Length) { Title = d.Title })).ToArray();
            int wrong = goldNumber == 1 ? 2 : 1;
            string quote = item.Quote!;
            string refusal = Hosting.Answering.AnswerExtractor.RefusalFor(item.Question);

            Record(tally, "faithful (must keep)", verifier.Verify($"{quote}[{goldNumber}]", passages, refusal), expectKept: true);
            if (ChangeADigit(quote) is var (altered, number) && altered is not null)
            {
                // Right when the changed number does not survive (the sentence holding it is dropped; other sentences
                // of a multi-sentence quote may stay).
                var verified = verifier.Verify($"{altered}[{goldNumber}]", passages, refusal);
                bool survived = !verified.Refused && verified.Answer.Contains(number, StringComparison.Ordinal) && !quote.Contains(number, StringComparison.Ordinal);
                Count(tally, "number changed", verified, right: !survived);
                if (survived && tally["number changed"].Cases - tally["number changed"].Right <= 5)
                {
                    Console.Error.WriteLine($"[verify] kept a changed number ({number}): {verified.Answer}");
                }
            }

            Record(tally, "cited to a wrong passage", verifier.Verify($"{quote}[{wrong}]", passages, refusal), expectKept: !documents[wrong - 1].Text.Contains(quote, StringComparison.Ordinal) ? false : true);
            Record(tally, "cited to a missing passage", verifier.Verify($"{quote}[9]", passages, refusal), expectKept: false);
            Record(tally, "no citation", verifier.Verify(quote, passages, refusal), expectKept: false);
            string foreign = FirstSentence(others[0].Text);
            if (foreign.Length >= 8 && !gold.Text.Contains(foreign, StringComparison.Ordinal))
            {
                Record(tally, "another paragraph's sentence", verifier.Verify($"{foreign}[{goldNumber}]", passages, refusal), expectKept: false);
            }
        }

        Console.WriteLine($"## Verification of scripted drafts: {Path.GetFileName(Path.TrimEndingDirectorySeparator(dataset))}, {items.Count} answerable questions");
        Console.WriteLine();
        Console.WriteLine("| draft | cases | handled right | rate | drop reasons |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, t) in tally)
        {
            string reasons = string.Join(", ", t.Reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {t.Cases} | {t.Right} | {100.0 * t.Right / Math.Max(1, t.Cases):0.0} % | {reasons} |"));
        }

        return 0;
    }

    private static void Record(Dictionary<string, VariantTally> tally, string variant, VerifiedAnswer verified, bool expectKept) =>
        Count(tally, variant, verified, right: (!verified.Refused && verified.Verification.Kept > 0) == expectKept);

    private static void Count(Dictionary<string, VariantTally> tally, string variant, VerifiedAnswer verified, bool right)
    {
        if (!tally.TryGetValue(variant, out var t))
        {
            t = new VariantTally();
            tally[variant] = t;
        }

        t.Cases++;
        t.Right += right ? 1 : 0;
        foreach (var dropped in verified.Verification.Dropped)
        {
            t.Reasons[dropped.Reason] = t.Reasons.GetValueOrDefault(dropped.Reason) + 1;
        }
    }

    /// <summary>
    /// The sentence with its first ASCII digit replaced by another, and the whole changed number (its run of digits and
    /// decimal points); nulls when the sentence has no digit.
    /// </summary>
    private static (string? Sentence, string Number) ChangeADigit(string sentence)
    {
        int at = sentence.AsSpan().IndexOfAnyInRange('0', '9');
        if (at < 0)
        {
            return (null, string.Empty);
        }

        char replacement = sentence[at] == '9' ? '3' : (char)(sentence[at] + 1);
        string altered = string.Concat(sentence.AsSpan(0, at), replacement.ToString(), sentence.AsSpan(at + 1));
        int start = at, end = at + 1;
        while (start > 0 && (char.IsAsciiDigit(altered[start - 1]) || altered[start - 1] == '.'))
        {
            start--;
        }

        while (end < altered.Length && (char.IsAsciiDigit(altered[end]) || altered[end] == '.'))
        {
            end++;
        }

        return (altered, altered[start..end]);
    }

    private static string FirstSentence(string text)
    {
        int end = text.IndexOfAny(['。', '！', '？']);
        return (end < 0 ? text : text[..(end + 1)]).Trim();
    }
}

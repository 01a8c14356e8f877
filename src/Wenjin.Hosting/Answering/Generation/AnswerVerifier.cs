using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Wenjin.Analysis;
using Wenjin.Answers;
using Wenjin.Storage;
using Wenjin.Text.Chunking;
using Wenjin.Text.Normalization;
using PassageEvidence = (int Number, Wenjin.Storage.ChunkCandidate Chunk, System.Collections.Generic.HashSet<string> Terms, Wenjin.Hosting.Answering.Generation.SourceFacts Facts);
using SpanEvidence = (int Start, int End, System.Collections.Generic.HashSet<string> Terms, Wenjin.Hosting.Answering.Generation.SourceFacts Facts);

namespace Wenjin.Hosting.Answering.Generation;

/// <summary>
/// The trust edge of generated answers: keeps only the sentences of a model's draft that the passages they cite
/// support, and turns their "[n]" markers into citations of verbatim spans of the documents.
/// <list type="number">
/// <item>A draft that is (or starts with) the refusal sentence — compared folded, without white space, markers or its
/// end punctuation, after a leading &lt;think&gt;…&lt;/think&gt; block — is a refusal with no sentences.</item>
/// <item>The draft is split into sentences (<see cref="SentenceSplitter"/>); each sentence owns the citation markers
/// written in it or after it ("[1]", "[1][3]", "[1, 2]", "[1-3]", "【1】", "［１］", "[^1]"; before or after the final
/// punctuation). A clause without markers that ends in "；" (or was cut for length) belongs to the next sentence on
/// its line. Sentences without a letter or digit are ignored.</item>
/// <item>A sentence is dropped, with a stable reason, when it has no marker ("no-citation"), cites only numbers that
/// are no passage's ("unknown-citation"; unknown numbers next to valid ones are ignored), states a number or date
/// ("unsupported-number") or a Latin name or quoted text ("unsupported-entity") that none of its cited passages holds
/// (see <see cref="SourceFacts"/>; a leading list number is not a fact), or when less than
/// <see cref="VerificationOptions.MinOverlap"/> of its distinct content words occur among the cited passages' terms
/// ("low-overlap"). Content words are the analyzer's terms without one-character Chinese words, punctuation and a few
/// framing words (根据, 资料, according …); numbers count as found, having been checked as facts. A passage is its
/// title and chunk text: what the model is shown.</item>
/// <item>Kept sentences form the answer in draft order, each followed by its renumbered markers: citation indices run
/// from 1 in order of first use, and one span cited twice is one citation. For each cited passage the citation is its
/// chunk's sentence (or two adjacent sentences) that best covers the answer sentence's words and facts, as a span of
/// the document (quote == document text at [Start, End)); a cited passage that covers nothing the better-covering
/// cited passages do not is left out.</item>
/// <item>With <see cref="VerificationOptions.MarkUnsupported"/>, dropped sentences stay in place as "⚠" + the
/// sentence without markers (and are still listed as dropped). When the answer would be empty the result is the
/// refusal, without citations (the caller cites the closest passages).</item>
/// </list>
/// Deterministic and culture-invariant; no state between calls, so one instance serves all threads. Every scan is
/// linear in the draft (markers, facts and quotes have bounded lengths).
/// </summary>
public sealed class AnswerVerifier
{
    private const string UnsupportedFlag = "⚠";
    private const int MaxMarkerRange = 20;

    // Clauses joined into one sentence (see Sentences) stay within this many characters.
    private const int MaxJoined = 1000;

    // A quote grows to two sentences only when the second adds a fact or at least this share of the answer sentence.
    private const double PairGain = 0.25;

    // Words that frame a sentence ("根据资料显示", "according to passage 2") rather than state what the passages say:
    // not counted as content words.
    private static readonly FrozenSet<string> FramingTerms = FrozenSet.Create(
        StringComparer.Ordinal,
        "根据", "依据", "资料", "文档", "文件", "段落", "材料", "原文", "提到", "指出", "表明", "显示", "所述", "可知", "来看", "提及", "介绍",
        "according", "passage", "document", "source", "state", "mention", "show", "note");

    private readonly ITextAnalyzer _analyzer;
    private readonly VerificationOptions _options;
    private readonly SentenceSplitter _splitter = new();

    public AnswerVerifier(ITextAnalyzer analyzer, VerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.MinOverlap is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinOverlap, "MinOverlap is a share of words: use a value from 0 to 1.");
        }

        _analyzer = analyzer;
        _options = options;
    }

    /// <summary>
    /// Verifies <paramref name="draft"/> against <paramref name="passages"/> (see the type's contract);
    /// <paramref name="refusalSentence"/> is the sentence the model was told to answer with when the passages do not
    /// answer the question.
    /// </summary>
    public VerifiedAnswer Verify(string draft, IReadOnlyList<VerificationPassage> passages, string refusalSentence)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentException.ThrowIfNullOrWhiteSpace(refusalSentence);

        var chunks = new Dictionary<int, ChunkCandidate>();
        foreach (var passage in passages)
        {
            ArgumentNullException.ThrowIfNull(passage);
            chunks.TryAdd(passage.Number, passage.Chunk);
        }

        var markers = new List<(int At, int[] Numbers)>();
        string text = StripMarkers(WithoutReasoning(draft), markers);
        if (StartsWithRefusal(text, refusalSentence))
        {
            return Refusal(refusalSentence, new AnswerVerification(0, 0, []) { Draft = draft });
        }

        var sentences = Sentences(text, markers);
        var evidence = new Dictionary<int, PassageEvidence>();
        var spans = new Dictionary<int, List<SpanEvidence>>();
        var dropped = new List<UnsupportedSentence>();
        var citations = new List<Citation>();
        var citationIndex = new Dictionary<(string DocId, int Start, int End), int>();
        var answer = new StringBuilder();
        int kept = 0;
        for (int s = 0; s < sentences.Count; s++)
        {
            var (start, end, cited) = sentences[s];
            string sentence = text[start..end];
            var valid = cited.Where(chunks.ContainsKey).Distinct().ToList();
            var sources = valid.Select(n => Evidence(n, chunks[n], evidence)).ToList();
            var facts = SourceFacts.ClaimsOf(ClaimText(sentence));
            var terms = ContentTerms(sentence);
            var failure = cited.Count == 0 ? ("no-citation", "it cites no passage")
                : valid.Count == 0 ? ("unknown-citation", $"it cites {MarkerList(cited)}, but {PassageRange(chunks.Keys)}")
                : Unsupported(facts, terms, valid, sources);
            var supporting = failure is null ? Supporting(sources, terms, facts, spans) : [];
            if (failure is null && supporting.Count == 0)
            {
                // Only when every cited chunk is empty, which a store never returns: a kept sentence is always cited.
                failure = ("low-overlap", $"{PassageNames(valid)} has no text to quote");
            }

            string part;
            if (failure is var (reason, detail))
            {
                dropped.Add(new UnsupportedSentence(sentence, reason, detail));
                if (!_options.MarkUnsupported)
                {
                    continue;
                }

                part = UnsupportedFlag + sentence;
            }
            else
            {
                kept++;
                var cite = new StringBuilder(sentence);
                var written = new HashSet<int>();
                foreach (var (chunk, span) in supporting)
                {
                    var key = (chunk.DocId, span.Start, span.End);
                    if (!citationIndex.TryGetValue(key, out int index))
                    {
                        index = citations.Count + 1;
                        citationIndex[key] = index;
                        citations.Add(new Citation(index, chunk.DocId, chunk.SourceId, chunk.Title, chunk.PageAt(span.Start), span.Quote, span.Start, span.End));
                    }

                    if (written.Add(index))
                    {
                        cite.Append(CitationMarkers.Format(index));
                    }
                }

                part = cite.ToString();
            }

            if (answer.Length > 0)
            {
                answer.Append(Separator(text, sentences[s - 1].End, start));
            }

            answer.Append(part);
        }

        var verification = new AnswerVerification(sentences.Count, kept, dropped)
        {
            Draft = draft,
            Marked = _options.MarkUnsupported && dropped.Count > 0,
        };
        return answer.Length == 0 ? Refusal(refusalSentence, verification with { Marked = false }) : new VerifiedAnswer(answer.ToString(), citations, verification, false);
    }

    private static VerifiedAnswer Refusal(string refusalSentence, AnswerVerification verification) =>
        new(refusalSentence, [], verification, true);

    /// <summary>Why a cited sentence is unsupported (reason, detail), or null when its cited passages support it.</summary>
    private (string Reason, string Detail)? Unsupported(List<Fact> facts, List<string> terms, List<int> cited, List<PassageEvidence> sources)
    {
        foreach (var fact in facts)
        {
            if (!sources.Exists(source => source.Facts.Supports(fact)))
            {
                return (fact.IsNumeric ? "unsupported-number" : "unsupported-entity", $"{fact.Text} is not in {PassageNames(cited)}");
            }
        }

        // A number ("300台", "2024年", "一万二千") was checked above as a fact, where its unit and script need not be the
        // source's, so it counts as found.
        int covered = terms.Count(term => IsNumber(term) || sources.Exists(source => source.Terms.Contains(term)));
        double share = terms.Count == 0 ? 0 : (double)covered / terms.Count;
        if (share >= _options.MinOverlap)
        {
            return null;
        }

        string detail = terms.Count == 0
            ? $"it has no content words to find in {PassageNames(cited)}"
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(share * 100)}% of its words are in {PassageNames(cited)}");
        return ("low-overlap", detail);
    }

    /// <summary>
    /// For each cited passage, in citation order, its span that best supports the sentence. A passage is left out when
    /// its span supports no word or fact of the sentence that better-supporting cited passages do not already support
    /// (the best one always stays): "[1][3]" after a sentence that passage 3 merely shares a word with cites passage 1.
    /// </summary>
    private List<(ChunkCandidate Chunk, (int Start, int End, string Quote) Span)> Supporting(
        List<PassageEvidence> sources, List<string> terms, List<Fact> facts, Dictionary<int, List<SpanEvidence>> cache)
    {
        var best = new List<(ChunkCandidate Chunk, (int Start, int End, string Quote) Span, bool[] Covered, int Count)>();
        foreach (var source in sources)
        {
            if (BestSpan(source.Chunk, SpansOf(source, cache), terms, facts) is { } span)
            {
                best.Add((source.Chunk, (span.Start, span.End, span.Quote), span.Covered, span.Covered.Count(c => c)));
            }
        }

        var covered = new bool[terms.Count + facts.Count];
        var keep = new bool[best.Count];
        foreach (int b in Enumerable.Range(0, best.Count).OrderByDescending(b => best[b].Count).ThenBy(b => b))
        {
            bool adds = false;
            for (int item = 0; item < covered.Length; item++)
            {
                if (best[b].Covered[item] && !covered[item])
                {
                    covered[item] = adds = true;
                }
            }

            keep[b] = adds || !keep.Contains(true);
        }

        return [.. best.Where((_, b) => keep[b]).Select(b => (b.Chunk, b.Span))];
    }

    /// <summary>
    /// The sentence of the chunk supporting the most of the answer sentence's content words and facts (the first on
    /// ties), extended by its neighbour when the neighbour adds a fact the sentence lacks or at least
    /// <see cref="PairGain"/> of the share: a quote as tight as the support allows. Offsets are document offsets;
    /// <c>Covered</c> tells which terms (then facts) the span supports.
    /// </summary>
    private static (int Start, int End, string Quote, bool[] Covered)? BestSpan(ChunkCandidate chunk, List<SpanEvidence> spans, List<string> terms, List<Fact> facts)
    {
        if (spans.Count == 0)
        {
            return null;
        }

        bool[] Covered(int first, int last)
        {
            var covered = new bool[terms.Count + facts.Count];
            for (int k = first; k <= last; k++)
            {
                for (int t = 0; t < terms.Count; t++)
                {
                    covered[t] |= spans[k].Terms.Contains(terms[t]);
                }

                for (int f = 0; f < facts.Count; f++)
                {
                    covered[terms.Count + f] = covered[terms.Count + f] || spans[k].Facts.Supports(facts[f]);
                }
            }

            return covered;
        }

        double Share(bool[] covered) => covered.Length == 0 ? 0 : (double)covered.Count(c => c) / covered.Length;

        int best = 0;
        bool[] bestCovered = Covered(0, 0);
        for (int k = 1; k < spans.Count; k++)
        {
            bool[] covered = Covered(k, k);
            if (Share(covered) > Share(bestCovered) + 1e-9)
            {
                (best, bestCovered) = (k, covered);
            }
        }

        (int First, int Last, bool[] Covered) choice = (best, best, bestCovered);
        foreach (int neighbour in (ReadOnlySpan<int>)[best - 1, best + 1])
        {
            if (neighbour < 0 || neighbour >= spans.Count)
            {
                continue;
            }

            var (first, last) = (Math.Min(best, neighbour), Math.Max(best, neighbour));
            bool[] pair = Covered(first, last);
            bool addsFact = Enumerable.Range(terms.Count, facts.Count).Any(item => pair[item] && !bestCovered[item]);
            if ((addsFact || Share(pair) >= Share(bestCovered) + PairGain - 1e-9) && Share(pair) > Share(choice.Covered) + 1e-9)
            {
                choice = (first, last, pair);
            }
        }

        int localStart = spans[choice.First].Start, localEnd = spans[choice.Last].End;
        int shift = Math.Max(0, chunk.Text.Length - (chunk.End - chunk.Start));
        return (chunk.Start + localStart - shift, chunk.Start + localEnd - shift, chunk.Text[localStart..localEnd], choice.Covered);
    }

    /// <summary>
    /// The sentences of the chunk that are spans of the document: all of them, except a table chunk's repeated header
    /// rows (the text before its last End − Start characters), with their words and facts.
    /// </summary>
    private List<SpanEvidence> SpansOf(PassageEvidence source, Dictionary<int, List<SpanEvidence>> cache)
    {
        if (cache.TryGetValue(source.Number, out var cached))
        {
            return cached;
        }

        var chunk = source.Chunk;
        int shift = Math.Max(0, chunk.Text.Length - (chunk.End - chunk.Start));
        var split = new List<SentenceSpan>();
        _splitter.Split(chunk.Text.AsSpan(shift), split, shift);
        var spans = new List<SpanEvidence>(split.Count);
        foreach (var span in split)
        {
            string sentence = chunk.Text[span.Start..span.End];
            spans.Add((span.Start, span.End, Terms(sentence), new SourceFacts(sentence)));
        }

        cache[source.Number] = spans;
        return spans;
    }

    private PassageEvidence Evidence(int number, ChunkCandidate chunk, Dictionary<int, PassageEvidence> cache)
    {
        if (!cache.TryGetValue(number, out var evidence))
        {
            // The prompt labels each passage with its title, or its source id when it has none.
            string shown = (chunk.Title ?? chunk.SourceId) + "\n" + chunk.Text;
            evidence = (number, chunk, Terms(shown), new SourceFacts(shown));
            cache[number] = evidence;
        }

        return evidence;
    }

    private HashSet<string> Terms(string text)
    {
        var tokens = new List<AnalyzedToken>();
        _analyzer.Analyze(text, tokens);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            terms.Add(token.Term);
        }

        return terms;
    }

    /// <summary>The sentence's distinct terms, without one-character Chinese words, punctuation and framing words.</summary>
    private List<string> ContentTerms(string sentence)
    {
        var tokens = new List<AnalyzedToken>();
        _analyzer.Analyze(sentence, tokens);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<string>();
        foreach (var token in tokens)
        {
            string term = token.Term;
            if (!IsSingleCjk(term) && term.Any(char.IsLetterOrDigit) && !FramingTerms.Contains(term) && seen.Add(term))
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    private static bool IsNumber(string term) =>
        char.IsAsciiDigit(term[0]) || !term.AsSpan().ContainsAnyExcept("零〇一二两三四五六七八九十百千万亿");

    private static bool IsSingleCjk(string term) =>
        (term.Length == 1 && term[0] >= '\u2E80') || (term.Length == 2 && char.IsSurrogatePair(term[0], term[1]));

    /// <summary>
    /// The draft without its citation markers (and the horizontal white space before each), recording each marker's
    /// cited numbers and where it stood in the returned text.
    /// </summary>
    private static string StripMarkers(string draft, List<(int At, int[] Numbers)> markers)
    {
        var text = new StringBuilder(draft.Length);
        var numbers = new List<int>();
        int i = 0;
        while (i < draft.Length)
        {
            numbers.Clear();
            if (draft[i] is '[' or '［' or '【' && TryParseMarker(draft, i, numbers, out int end))
            {
                while (text.Length > 0 && text[^1] is ' ' or '\t' or '\u3000')
                {
                    text.Length--;
                }

                markers.Add((text.Length, [.. numbers]));
                i = end;

                // "rose 5%.[1]Next" must still end a sentence once the marker is gone.
                if (i < draft.Length && char.IsLetterOrDigit(draft[i]) && text.Length > 0 && text[^1] is '.' or '!' or '?' or ';')
                {
                    text.Append(' ');
                }

                continue;
            }

            text.Append(draft[i]);
            i++;
        }

        return text.ToString();
    }

    /// <summary>
    /// Parses a marker opening at <paramref name="at"/>: an opening bracket ([ ［ 【), an optional ^, then numbers of
    /// up to three digits (ASCII or full-width) separated by , ， 、 ; ； or forming a range with - – ~ ～, then a closing
    /// bracket. Linear: it stops at the first character that cannot continue a marker.
    /// </summary>
    private static bool TryParseMarker(string s, int at, List<int> numbers, out int end)
    {
        end = at;
        int i = at + 1;
        while (true)
        {
            SkipSpaces(s, ref i);
            if (i < s.Length && s[i] == '^')
            {
                i++;
                SkipSpaces(s, ref i);
            }

            if (!TryReadMarkerNumber(s, ref i, out int first))
            {
                return false;
            }

            SkipSpaces(s, ref i);
            if (i < s.Length && s[i] is '-' or '–' or '~' or '～')
            {
                i++;
                SkipSpaces(s, ref i);
                if (!TryReadMarkerNumber(s, ref i, out int last) || last < first || last - first > MaxMarkerRange)
                {
                    return false;
                }

                for (int n = first; n <= last; n++)
                {
                    numbers.Add(n);
                }

                SkipSpaces(s, ref i);
            }
            else
            {
                numbers.Add(first);
            }

            if (i >= s.Length)
            {
                return false;
            }

            if (s[i] is ']' or '］' or '】')
            {
                end = i + 1;
                return true;
            }

            if (s[i] is not (',' or '，' or '、' or ';' or '；'))
            {
                return false;
            }

            i++;
        }
    }

    private static bool TryReadMarkerNumber(string s, ref int i, out int number)
    {
        number = 0;
        int digits = 0;
        while (i < s.Length && digits <= 3)
        {
            char c = s[i];
            int d = c is >= '0' and <= '9' ? c - '0' : c is >= '０' and <= '９' ? c - '０' : -1;
            if (d < 0)
            {
                break;
            }

            number = (number * 10) + d;
            digits++;
            i++;
        }

        return digits is >= 1 and <= 3;
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\u3000')
        {
            i++;
        }
    }

    /// <summary>
    /// The sentences of the marker-free text that contain a letter or digit, each with the numbers of the markers
    /// inside it or after it (before the next sentence); markers before the first sentence go to the first. A sentence
    /// without markers that ends in ；/; or without end punctuation joins the next one on the same line.
    /// </summary>
    private List<(int Start, int End, List<int> Cited)> Sentences(string text, List<(int At, int[] Numbers)> markers)
    {
        var sentences = new List<(int Start, int End, List<int> Cited)>();
        foreach (var span in _splitter.Split(text))
        {
            if (HasLetterOrDigit(text.AsSpan(span.Start, span.Length)))
            {
                sentences.Add((span.Start, span.End, []));
            }
        }

        if (sentences.Count == 0)
        {
            return sentences;
        }

        int owner = 0;
        foreach (var (at, numbers) in markers)
        {
            while (owner + 1 < sentences.Count && sentences[owner + 1].Start < at)
            {
                owner++;
            }

            sentences[owner].Cited.AddRange(numbers);
        }

        for (int k = sentences.Count - 2; k >= 0; k--)
        {
            var (start, end, cited) = sentences[k];
            if (cited.Count == 0 && sentences[k + 1].End - start <= MaxJoined && Continues(text, end, sentences[k + 1].Start))
            {
                sentences[k + 1] = (start, sentences[k + 1].End, sentences[k + 1].Cited);
                sentences.RemoveAt(k);
            }
        }

        return sentences;
    }

    /// <summary>Whether the sentence ending at <paramref name="end"/> runs on into the one at <paramref name="next"/>.</summary>
    private static bool Continues(string text, int end, int next)
    {
        if (text.AsSpan(end, next - end).IndexOfAny('\n', '\r') >= 0)
        {
            return false;
        }

        int last = end - 1;
        while (last > 0 && text[last] is '”' or '’' or '」' or '』' or '）' or '》' or ')' or '"' or '\'')
        {
            last--;
        }

        return text[last] is not ('。' or '！' or '？' or '!' or '?' or '.' or '…');
    }

    /// <summary>The separator before a sentence: the draft's line break(s) or space before it, else nothing.</summary>
    private static string Separator(string text, int previousEnd, int start)
    {
        var gap = text.AsSpan(previousEnd, start - previousEnd);
        int breaks = gap.Count('\n');
        return breaks >= 2 ? "\n\n" : breaks == 1 ? "\n" : gap.IsWhiteSpace() && !gap.IsEmpty ? " " : string.Empty;
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sentence without a leading list marker ("1.", "2、", "(3)", "- "), whose number is not a fact.</summary>
    private static string ClaimText(string sentence)
    {
        int i = 0;
        if (sentence.Length > 1 && sentence[0] is '-' or '*' or '•' or '·')
        {
            return sentence[1..];
        }

        if (i < sentence.Length && sentence[i] is '(' or '（')
        {
            i++;
        }

        int digits = i;
        while (i < sentence.Length && i - digits < 2 && char.IsAsciiDigit(sentence[i]))
        {
            i++;
        }

        bool numbered = i > digits && i < sentence.Length
            && (sentence[i] is '、' or ')' or '）' || (sentence[i] == '.' && (i + 1 == sentence.Length || !char.IsAsciiDigit(sentence[i + 1]))));
        return numbered ? sentence[(i + 1)..] : sentence;
    }

    /// <summary>A leading &lt;think&gt;…&lt;/think&gt; block (reasoning models) is not part of the answer.</summary>
    private static string WithoutReasoning(string draft)
    {
        if (!draft.AsSpan().TrimStart().StartsWith("<think>", StringComparison.OrdinalIgnoreCase))
        {
            return draft;
        }

        int close = draft.IndexOf("</think>", StringComparison.OrdinalIgnoreCase);
        return close < 0 ? string.Empty : draft[(close + "</think>".Length)..];
    }

    /// <summary>Whether the text, folded and without white space or leading symbols, starts with the refusal sentence (its end punctuation optional).</summary>
    private static bool StartsWithRefusal(string text, string refusalSentence)
    {
        string refusal = Normalize(refusalSentence).TrimEnd("。．.！!？?…".ToCharArray());
        string answer = Normalize(text);
        int first = 0;
        while (first < answer.Length && !char.IsLetterOrDigit(answer[first]))
        {
            first++;
        }

        return refusal.Length > 0 && answer.AsSpan(first).StartsWith(refusal, StringComparison.Ordinal);
    }

    private static string Normalize(string text)
    {
        string folded = CharacterFolder.Shared.Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (char c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string MarkerList(IEnumerable<int> numbers) =>
        string.Concat(numbers.Distinct().Select(CitationMarkers.Format));

    private static string PassageNames(List<int> numbers) =>
        (numbers.Count == 1 ? "passage " : "passages ") + string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static string PassageRange(IEnumerable<int> numbers)
    {
        var sorted = numbers.Order().ToList();
        return sorted.Count switch
        {
            0 => "there are no passages",
            1 => string.Create(CultureInfo.InvariantCulture, $"the only passage is {sorted[0]}"),
            _ when sorted[^1] - sorted[0] == sorted.Count - 1 => string.Create(CultureInfo.InvariantCulture, $"the passages are {sorted[0]}–{sorted[^1]}"),
            _ => "the passages are " + string.Join(", ", sorted.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        };
    }
}

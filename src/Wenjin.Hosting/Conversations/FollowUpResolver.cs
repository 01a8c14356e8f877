using System.Text;
using Wenjin.Analysis;

namespace Wenjin.Hosting.Conversations;

/// <summary>
/// Turns a follow-up question into one that stands alone, without a model: when the question refers back
/// ("它的准确率呢？", "那2025年呢？", "what about its cost?") or has almost no content words of its own, the subject of the
/// conversation is put in front of it ("千卡并行 有效算力达到 它的准确率呢？"). The subject is the previous question's
/// content phrases (runs of content words as spelled in it), or, when the previous question was itself a follow-up,
/// the subject it carried, so a chain of follow-ups keeps its subject instead of piling up aspects. Phrases the new
/// question replaces are left out: those it already contains, and those with digits when it has digits of its own
/// (a new year or amount replaces the old one). A question that stands on its own is returned unchanged.
/// </summary>
public sealed class FollowUpResolver
{
    /// <summary>At most this many phrases are carried over: the subject, not a whole earlier question.</summary>
    private const int MaxCarriedPhrases = 6;

    /// <summary>A question with fewer content words than this leans on its context.</summary>
    private const int MinOwnContentWords = 2;

    private static readonly string[] ChineseLeads =
    [
        "它们", "它", "其", "这些", "这个", "这项", "这", "那些", "那个", "那么", "那", "该", "此", "他们", "她们", "他", "她",
        "上述", "以上", "前者", "后者", "还有", "另外", "此外", "同时", "以及", "并且", "和", "与",
    ];

    private static readonly string[] EnglishLeads =
    [
        "what about", "how about", "and ", "also ", "it ", "its ", "it's ", "they ", "their ", "them ", "those ", "these ",
        "that ", "this ", "he ", "she ", "his ", "her ",
    ];

    private readonly IQueryAnalyzer _analyzer;

    public FollowUpResolver(IQueryAnalyzer analyzer)
    {
        _analyzer = analyzer;
    }

    /// <summary>
    /// The question to search for, given the previous turn (its question and what was searched for it; both null for a
    /// first question).
    /// </summary>
    public string Resolve(string question, string? previousQuestion, string? previousResolved)
    {
        ArgumentNullException.ThrowIfNull(question);
        string trimmed = question.Trim();
        if (string.IsNullOrWhiteSpace(previousQuestion) || !IsFollowUp(trimmed))
        {
            return trimmed;
        }

        bool hasDigits = trimmed.Any(char.IsAsciiDigit);
        var carried = new List<string>();
        foreach (var phrase in Subject(previousQuestion.Trim(), previousResolved?.Trim()))
        {
            // Words the new question has, or replaces (digits for digits), leave the phrase; what remains is carried.
            var kept = phrase
                .Where(word => !trimmed.Contains(word, StringComparison.OrdinalIgnoreCase))
                .Where(word => !(hasDigits && word.Any(char.IsAsciiDigit)))
                .ToArray();
            string text = string.Concat(kept);
            if (kept.Length > 0 && (text.Length >= 2 || IsAsciiWord(text)) && !carried.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                carried.Add(text);
            }

            if (carried.Count == MaxCarriedPhrases)
            {
                break;
            }
        }

        return carried.Count == 0 ? trimmed : string.Join(' ', carried) + " " + trimmed;
    }

    /// <summary>Refers back (a pronoun or connective first, "…呢" at the end) or has too few content words to stand alone.</summary>
    public bool IsFollowUp(string question)
    {
        string q = question.Trim();
        if (q.Length == 0)
        {
            return false;
        }

        if (ChineseLeads.Any(lead => q.StartsWith(lead, StringComparison.Ordinal)))
        {
            return true;
        }

        string lower = q.ToLowerInvariant() + " ";
        if (EnglishLeads.Any(lead => lower.StartsWith(lead, StringComparison.Ordinal)))
        {
            return true;
        }

        string body = q.TrimEnd('？', '?', '。', '.', '!', '！', ' ');
        if (body.EndsWith('呢') && body.Length <= 12)
        {
            return true;
        }

        return ContentPhrases(q).Sum(p => p.Count) < MinOwnContentWords;
    }

    /// <summary>
    /// What the previous turn was about, as phrases of words: what it carried itself when it was a follow-up (each
    /// carried phrase one word), else its own content phrases.
    /// </summary>
    private IEnumerable<string[]> Subject(string previousQuestion, string? previousResolved)
    {
        if (previousResolved is not null
            && previousResolved.Length > previousQuestion.Length
            && previousResolved.EndsWith(previousQuestion, StringComparison.Ordinal))
        {
            return previousResolved[..^previousQuestion.Length]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(phrase => new[] { phrase });
        }

        return ContentPhrases(previousQuestion).Select(p => p.ToArray());
    }

    /// <summary>
    /// Runs of adjacent content words as spelled in the question (["千卡", "并行"], ["有效", "算力", "达到"]): a function
    /// word, a removed question word, a pronoun, punctuation or a switch between digits and letters ends a run. A run
    /// of one single character is not content.
    /// </summary>
    private List<List<string>> ContentPhrases(string question)
    {
        var analyzed = _analyzer.Analyze(question);
        var kept = new HashSet<string>(analyzed.Terms.Select(t => t.Term), StringComparer.Ordinal);
        var phrases = new List<List<string>>();
        var run = new List<string>();
        int runEnd = -1, lastPosition = -1;
        bool runHasDigits = false;

        void Close()
        {
            string text = string.Concat(run);
            if (run.Count > 0 && (text.Length >= 2 || IsAsciiWord(text)))
            {
                phrases.Add([.. run]);
            }

            run.Clear();
        }

        foreach (var token in analyzed.Sequence)
        {
            // The first token at a position is the word; the others are sub-words and bigrams of it.
            if (token.Position == lastPosition)
            {
                continue;
            }

            lastPosition = token.Position;
            if (!kept.Contains(token.Term) || token.End <= token.Start || token.End > question.Length)
            {
                Close();
                continue;
            }

            string word = question[token.Start..token.End];
            if (ChineseLeads.Contains(word, StringComparer.Ordinal))
            {
                Close();
                continue;
            }

            bool digits = word.Any(char.IsAsciiDigit);
            if (run.Count > 0 && (token.Start != runEnd || digits != runHasDigits))
            {
                Close();
            }

            if (run.Count == 0)
            {
                runHasDigits = digits;
            }

            run.Add(word);
            runEnd = token.End;
        }

        Close();
        return phrases;
    }

    private static bool IsAsciiWord(string text) => text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c));
}

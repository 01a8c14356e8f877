using System.Text;
using Wenjin.Analysis;

namespace Wenjin.Hosting.Conversations;

/// <summary>
/// Turns a follow-up question into one that stands alone, without a model: when the question refers back
/// ("它的准确率呢？", "那2025年呢？", "what about its cost?") or has almost no content words of its own, the previous
/// turn's key words are put in front of it ("千卡并行 有效算力 它的准确率呢？"). Key words are the content words of the
/// previous resolved question in their original spelling, so a chain of follow-ups keeps its subject. A question that
/// stands on its own is returned unchanged.
/// </summary>
public sealed class FollowUpResolver
{
    /// <summary>At most this many words are carried over: the subject, not a whole earlier question.</summary>
    private const int MaxCarriedWords = 6;

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

    /// <summary>The question to search for, given the previous turn's resolved question (null for a first question).</summary>
    public string Resolve(string question, string? previousResolved)
    {
        ArgumentNullException.ThrowIfNull(question);
        string trimmed = question.Trim();
        if (string.IsNullOrWhiteSpace(previousResolved) || !IsFollowUp(trimmed))
        {
            return trimmed;
        }

        var carried = KeyWords(previousResolved)
            .Where(word => !trimmed.Contains(word, StringComparison.OrdinalIgnoreCase))
            .Take(MaxCarriedWords)
            .ToArray();
        return carried.Length == 0 ? trimmed : string.Join(' ', carried) + " " + trimmed;
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

        return ContentWords(q).Count < MinOwnContentWords;
    }

    /// <summary>Content words of a question in order, as spelled in it, without duplicates.</summary>
    private List<string> KeyWords(string question) =>
        ContentWords(question).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private List<string> ContentWords(string question)
    {
        var analyzed = _analyzer.Analyze(question);
        var kept = new HashSet<string>(analyzed.Terms.Select(t => t.Term), StringComparer.Ordinal);
        var words = new List<string>();
        int lastPosition = -1;
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
                continue;
            }

            string word = question[token.Start..token.End];
            if (IsContent(word))
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>Two or more characters, or one that is a letter or digit run of ASCII; pronouns are not content.</summary>
    private static bool IsContent(string word)
    {
        if (ChineseLeads.Contains(word, StringComparer.Ordinal))
        {
            return false;
        }

        if (word.Length >= 2)
        {
            return true;
        }

        var rune = Rune.GetRuneAt(word, 0);
        return rune.IsAscii && Rune.IsLetterOrDigit(rune);
    }
}

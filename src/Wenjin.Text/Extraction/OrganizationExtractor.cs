namespace Wenjin.Text.Extraction;

/// <summary>
/// Finds organisation names by their form, without a model: a name part followed by a suffix (有限公司, 集团, 银行, 医院,
/// 大学, 研究院, 实验室, 委员会, 局, 中心 …; see <see cref="OrganizationVocabulary"/>), on the text read through hard line
/// breaks and segmented into words.
/// <list type="bullet">
/// <item>The suffix must end a word of the segmentation (银行业 is no bank) and the word must not be a common word that
/// happens to end like one (格局, 市中心).</item>
/// <item>The name part grows leftwards word by word and stops at punctuation, white space, a line break, a stop word
/// (由 与 和 为 向 在 是 的 及 …, determiners such as 该 这家 一家, time words such as 年度), a number, a word the
/// dictionary tags as a verb, preposition, conjunction, pronoun, adverb, particle or time word
/// (<see cref="DictionaryTags"/>; verbs that do occur in names, such as 控股 and 开发, excepted) or at
/// <see cref="MaxNameLength"/> characters. A parenthesized place (（北京）, （集团）) inside the name is kept, and so is 和
/// inside official names (国家发展和改革委员会). So "由北京智源科技有限公司承建" gives 北京智源科技有限公司.</item>
/// <item>The name part needs at least two characters and one word that is not generic (科技公司, 数据中心 and 人民医院
/// alone are not names).</item>
/// <item>A name that contains an earlier one with no stop between them replaces it (北京大学第一医院, not 北京大学).</item>
/// <item>Latin names: capitalized words before Inc., Ltd., LLC, Corp., Corporation, Company, Group, University, Bank,
/// Institute, Laboratory, Labs, Foundation or Association ("Zhipu AI Inc.", "Huawei Technologies Co., Ltd.").</item>
/// </list>
/// Returns each distinct name once (<see cref="ExtractedValue.Value"/>, full-width letters folded, line breaks removed)
/// with every occurrence, in order of first occurrence. Stateless and thread-safe; linear in the text length.
/// </summary>
public sealed class OrganizationExtractor
{
    /// <summary>The longest name part before the suffix, in characters.</summary>
    public const int MaxNameLength = 20;

    private const int MaxParenthesized = 8;

    private const int MaxLatinNameWords = 6;

    private static readonly string[] LatinSuffixes =
    [
        "Inc", "Ltd", "LLC", "Corp", "Corporation", "Company", "Limited", "Group", "University", "Bank", "Institute", "Laboratory",
        "Laboratories", "Labs", "Foundation", "Association", "GmbH",
    ];

    private static readonly HashSet<string> LatinArticles = new(["The", "A", "An", "Our", "This", "That", "Its", "Their"], StringComparer.Ordinal);

    /// <summary>The organisations named in <paramref name="text"/>; every span is an offset into <paramref name="text"/>.</summary>
    public IReadOnlyList<ExtractedValue> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JoinedText joined = JoinedText.Create(text, foldWidth: true);
        WordSegmentation words = WordSegmentation.Create(joined);
        var found = new List<(int Start, int End)>();
        for (int w = 0; w < words.Words.Count; w++)
        {
            ViewWord word = words.Words[w];
            (int Start, int End)? candidate = word.IsCjk ? ChineseName(words, w) : LatinName(joined.View, words, w);
            if (candidate is not { } name)
            {
                continue;
            }

            while (found.Count > 0 && found[^1].Start >= name.Start && found[^1].End <= name.End)
            {
                found.RemoveAt(found.Count - 1);
            }

            found.Add(name);
        }

        var byName = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach ((int start, int end) in found)
        {
            string value = joined.Slice(start, end);
            if (!byName.TryGetValue(value, out List<TextSpan>? spans))
            {
                spans = [];
                byName.Add(value, spans);
                order.Add(value);
            }

            spans.Add(joined.ToOriginal(start, end));
        }

        return [.. order.Select(name => new ExtractedValue(name, byName[name]))];
    }

    private static (int Start, int End)? ChineseName(WordSegmentation words, int w)
    {
        string folded = words.Folded;
        int end = words.Words[w].End;
        string? standalone = SuffixEndingAt(folded, end, OrganizationVocabulary.StandaloneNames);
        string? suffix = standalone ?? SuffixEndingAt(folded, end, OrganizationVocabulary.Suffixes);
        if (suffix is null
            || OrganizationVocabulary.NotOrganizations.Contains(words.FoldedWord(w).ToString())
            || EndsWithNotOrganization(folded, end))
        {
            return null;
        }

        int suffixStart = end - suffix.Length;
        int start = NameStart(words, suffixStart);
        if (standalone is not null)
        {
            return (start, end);
        }

        return start <= suffixStart - 2 && HasSpecificWord(words, start, suffixStart) ? (start, end) : null;
    }

    private static bool EndsWithNotOrganization(string folded, int end)
    {
        for (int length = 2; length <= 3 && length <= end; length++)
        {
            if (OrganizationVocabulary.NotOrganizations.Contains(folded.Substring(end - length, length)))
            {
                return true;
            }
        }

        return false;
    }

    private static string? SuffixEndingAt(string folded, int end, string[] suffixes)
    {
        foreach (string suffix in suffixes)
        {
            if (suffix.Length <= end && string.CompareOrdinal(folded, end - suffix.Length, suffix, 0, suffix.Length) == 0)
            {
                return suffix;
            }
        }

        return null;
    }

    /// <summary>Where the name part before <paramref name="suffixStart"/> begins (<paramref name="suffixStart"/> when there is none).</summary>
    private static int NameStart(WordSegmentation words, int suffixStart)
    {
        string folded = words.Folded;
        int start = suffixStart;

        // The suffix may end a longer word (北京大学): the rest of that word is part of the name.
        int inside = words.WordIndexAt(suffixStart);
        if (inside >= 0 && words.Words[inside].Start < suffixStart)
        {
            start = words.Words[inside].Start;
        }

        while (start > 0 && suffixStart - start < MaxNameLength)
        {
            char before = folded[start - 1];
            if (before is ')' or '）')
            {
                int open = ParenthesisOpening(folded, start - 1);
                if (open < 0 || open == 0 || words.WordIndexAt(open - 1) < 0)
                {
                    break;
                }

                start = open;
                continue;
            }

            if (before == '·' && start >= 2 && JoinedText.IsCjk(folded[start - 2]))
            {
                start--;
                continue;
            }

            int w = words.WordIndexAt(start - 1);
            if (w < 0)
            {
                break;
            }

            ViewWord word = words.Words[w];
            string text = words.FoldedWord(w).ToString();
            if (IsStop(text, word) && !(text == "和" && InPhraseWithAnd(folded, word.Start)))
            {
                break;
            }

            if (suffixStart - word.Start > MaxNameLength)
            {
                break;
            }

            start = word.Start;
        }

        return start;
    }

    /// <summary>A listed stop word, or a dictionary word of a class that is never inside a name (a verb not listed as one that is).</summary>
    private static bool IsStop(string text, ViewWord word)
    {
        if (OrganizationVocabulary.Stops.Contains(text))
        {
            return true;
        }

        if (!word.IsCjk)
        {
            // A number before a name is a date or a count (2024年度, 3家), not part of the name.
            return IsDigits(text);
        }

        if (!word.Known)
        {
            return false;
        }

        char tag = DictionaryTags.Shared.Tag(text);
        return tag != '\0' && !(tag == 'v' && OrganizationVocabulary.VerbsInNames.Contains(text));
    }

    private static bool IsDigits(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool InPhraseWithAnd(string folded, int at)
    {
        foreach (string phrase in OrganizationVocabulary.PhrasesWithAnd)
        {
            int from = at - phrase.IndexOf('和', StringComparison.Ordinal);
            if (from >= 0 && string.CompareOrdinal(folded, from, phrase, 0, phrase.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The offset of the '(' or '（' matching the closing one at <paramref name="close"/>, with a short name inside; else -1.</summary>
    private static int ParenthesisOpening(string folded, int close)
    {
        for (int k = close - 1; k >= 0 && close - k <= MaxParenthesized + 1; k--)
        {
            char c = folded[k];
            if (c is '(' or '（')
            {
                return k < close - 1 ? k : -1;
            }

            if (!(JoinedText.IsCjk(c) || JoinedText.IsLatin(c)))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Whether some word of the name part [start, end) is not generic (a place, a brand, an unknown word).</summary>
    private static bool HasSpecificWord(WordSegmentation words, int start, int end)
    {
        int k = start;
        while (k < end)
        {
            int w = words.WordIndexAt(k);
            if (w < 0)
            {
                k++;
                continue;
            }

            int wordEnd = Math.Min(words.Words[w].End, end);
            string part = words.Folded[Math.Max(words.Words[w].Start, start)..wordEnd];
            if (!OrganizationVocabulary.GenericWords.Contains(part) && !OrganizationVocabulary.Stops.Contains(part))
            {
                return true;
            }

            k = wordEnd;
        }

        return false;
    }

    private static (int Start, int End)? LatinName(string view, WordSegmentation words, int w)
    {
        ViewWord word = words.Words[w];
        string suffix = view[word.Start..word.End];
        if (!LatinSuffixes.Contains(suffix, StringComparer.Ordinal))
        {
            return null;
        }

        int end = word.End < view.Length && view[word.End] == '.' && suffix is "Inc" or "Ltd" or "Corp" ? word.End + 1 : word.End;
        int k = w;

        // "Co., Ltd." and "Co. Ltd.": the company form belongs to the suffix.
        if (suffix is "Ltd" or "Limited" && k > 0 && IsCompanyAbbreviation(view, words.Words[k - 1], word.Start))
        {
            k--;
        }

        int start = words.Words[k].Start;
        int nameWords = 0;
        while (k > 0 && nameWords < MaxLatinNameWords)
        {
            ViewWord previous = words.Words[k - 1];
            string between = view[previous.End..start];
            if (between is not (" " or " & " or "&") || previous.IsCjk)
            {
                break;
            }

            string name = view[previous.Start..previous.End];
            if (!(char.IsUpper(name[0]) || char.IsAsciiDigit(name[0])) || LatinArticles.Contains(name))
            {
                break;
            }

            start = previous.Start;
            nameWords++;
            k--;
        }

        return nameWords > 0 ? (start, end) : null;
    }

    private static bool IsCompanyAbbreviation(string view, ViewWord previous, int suffixStart)
    {
        string co = view[previous.Start..previous.End];
        string between = view[previous.End..suffixStart];
        return co is "Co" && between is "., " or ". " or ".," or ",";
    }
}

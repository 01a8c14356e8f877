using System.Text;
using Wenjin.Text.Normalization;

namespace Wenjin.Text.Extraction;

/// <summary>
/// Finds the categories of a taxonomy facet in a text by their terms. Text and terms are folded alike
/// (<see cref="CharacterFolder"/>: full-width → ASCII, lower case, Traditional → Simplified), so Latin terms match in
/// any case. A term that starts or ends with a Latin letter or digit matches only as a whole word at that end (bank is
/// not found in banking; AI is found in 使用AI技术), and a Latin term of three or more characters ending in a letter
/// also matches its plural in -s. Inside a term, a line break between two CJK characters is read through (人工\n智能 is
/// 人工智能), and so is a space next to a CJK character (人工 智能, AI 芯片). At each position the longest term wins and
/// matching resumes after it, so one stretch of text is one hit; a term listed under several categories is a hit for
/// each. Categories rank by hits, then by first position, then by their order in the taxonomy. Built once per
/// taxonomy; thread-safe; linear in the text length times the longest term.
/// </summary>
public sealed class TaxonomyMatcher
{
    private readonly Taxonomy _taxonomy;
    private readonly Dictionary<string, TermTrie> _tries = new(StringComparer.Ordinal);

    /// <summary>Builds one term trie per facet of <paramref name="taxonomy"/>.</summary>
    public TaxonomyMatcher(Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        foreach (TaxonomyFacet facet in taxonomy.Facets)
        {
            var trie = new TermTrie();
            for (int c = 0; c < facet.Categories.Count; c++)
            {
                foreach (string term in facet.Categories[c].Terms)
                {
                    string folded = FoldTerm(term);
                    if (folded.Length > 0)
                    {
                        trie.Add(folded, c);
                    }
                }
            }

            _tries.Add(facet.Name, trie);
        }
    }

    /// <summary>
    /// The categories of <paramref name="facet"/> with at least <paramref name="minimumHits"/> hits in
    /// <paramref name="text"/>, best first, at most <paramref name="maxCategories"/>. An unknown facet fails with
    /// <see cref="WenjinErrorKind.InvalidInput"/>.
    /// </summary>
    public IReadOnlyList<CategoryMatch> Match(string text, string facet, int minimumHits = 1, int maxCategories = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        TaxonomyFacet taxonomyFacet = _taxonomy.Facet(facet);
        if (minimumHits < 1)
        {
            throw WenjinException.Invalid($"A minimum of {minimumHits} hits is invalid; use 1 or more.");
        }

        if (maxCategories < 1)
        {
            throw WenjinException.Invalid($"A maximum of {maxCategories} categories is invalid; use 1 or more.");
        }

        TermTrie trie = _tries[taxonomyFacet.Name];
        JoinedText joined = JoinedText.Create(text, foldWidth: false);
        string view = CharacterFolder.Shared.Fold(joined.View);
        var evidence = new List<TextSpan>?[taxonomyFacet.Categories.Count];
        int i = 0;
        while (i < view.Length)
        {
            (int end, TermTrieNode? node) = LongestTermAt(view, i, trie);
            if (node is null)
            {
                i++;
                continue;
            }

            TextSpan span = joined.ToOriginal(i, end);
            foreach (int category in node.Categories)
            {
                (evidence[category] ??= []).Add(span);
            }

            i = end;
        }

        var matches = new List<(CategoryMatch Match, int Order)>();
        for (int c = 0; c < evidence.Length; c++)
        {
            if (evidence[c] is { } spans && spans.Count >= minimumHits)
            {
                matches.Add((new CategoryMatch(taxonomyFacet.Name, taxonomyFacet.Categories[c].Name, spans.Count, spans), c));
            }
        }

        return [.. matches
            .OrderByDescending(m => m.Match.Hits)
            .ThenBy(m => m.Match.Evidence[0].Start)
            .ThenBy(m => m.Order)
            .Take(maxCategories)
            .Select(m => m.Match)];
    }

    /// <summary>The end and node of the longest term starting at <paramref name="start"/>, or (start, null).</summary>
    private static (int End, TermTrieNode? Node) LongestTermAt(string view, int start, TermTrie trie)
    {
        TermTrieNode? node = trie.Root.Child(view[start]);
        if (node is null || (JoinedText.IsLatin(view[start]) && start > 0 && JoinedText.IsLatin(view[start - 1])))
        {
            return (start, null);
        }

        (int End, TermTrieNode? Node) best = (start, null);
        int k = start + 1;
        while (true)
        {
            if (node.EndsTerm && TryEndWord(view, k, node, out int end))
            {
                best = (end, node);
            }

            if (k >= view.Length)
            {
                break;
            }

            TermTrieNode? next = node.Child(view[k]);
            if (next is null && k + 1 < view.Length
                && ((view[k] == '\n' && JoinedText.IsCjk(node.Last) && JoinedText.IsCjk(view[k + 1]))
                    || (view[k] == ' ' && (JoinedText.IsCjk(node.Last) || JoinedText.IsCjk(view[k + 1])))))
            {
                // A line break between two CJK characters of a term, or a space where CJK meets other text.
                next = node.Child(view[k + 1]);
                k++;
            }

            if (next is null)
            {
                break;
            }

            node = next;
            k++;
        }

        return best;
    }

    /// <summary>A Latin term must end a word: the next character is not a Latin letter or digit, or is a plural s.</summary>
    private static bool TryEndWord(string view, int k, TermTrieNode node, out int end)
    {
        end = k;
        if (!JoinedText.IsLatin(node.Last) || k >= view.Length || !JoinedText.IsLatin(view[k]))
        {
            return true;
        }

        bool plural = view[k] == 's' && node.Depth >= 3 && char.IsLetter(node.Last)
            && (k + 1 >= view.Length || !JoinedText.IsLatin(view[k + 1]));
        end = k + 1;
        return plural;
    }

    /// <summary>A term folded like the text, with spaces kept only between two Latin letters or digits (one each).</summary>
    private static string FoldTerm(string term)
    {
        string folded = CharacterFolder.Shared.Fold(term.Trim());
        var builder = new StringBuilder(folded.Length);
        for (int k = 0; k < folded.Length; k++)
        {
            char c = folded[k];
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
                continue;
            }

            int next = k + 1;
            while (next < folded.Length && char.IsWhiteSpace(folded[next]))
            {
                next++;
            }

            if (builder.Length > 0 && next < folded.Length && JoinedText.IsLatin(builder[^1]) && JoinedText.IsLatin(folded[next]))
            {
                builder.Append(' ');
            }

            k = next - 1;
        }

        return builder.ToString();
    }
}

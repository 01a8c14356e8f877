using System.Text;

namespace Wenjin.Storage.Sqlite;

/// <summary>Builds FTS5 query text from analyzed terms, matching how the index tokenizer saw the indexed terms.</summary>
internal static class FtsQuery
{
    /// <summary>The distinct terms as the index stores them (<see cref="Fold"/>), in first-seen order, blanks dropped.</summary>
    public static List<string> DistinctFolded(IEnumerable<string> terms)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (string term in terms)
        {
            if (!string.IsNullOrWhiteSpace(term) && seen.Add(Fold(term)))
            {
                result.Add(Fold(term));
            }
        }

        return result;
    }

    /// <summary>
    /// The OR of the terms, each as a quoted FTS5 string (a double quote inside a term is doubled), so no term is ever
    /// read as FTS5 syntax (AND, NEAR, *, ^, column filters).
    /// </summary>
    public static string AnyOf(IReadOnlyList<string> terms)
    {
        var query = new StringBuilder();
        foreach (string term in terms)
        {
            if (query.Length > 0)
            {
                query.Append(" OR ");
            }

            query.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return query.ToString();
    }

    /// <summary>
    /// The term as the index stores it: the ascii tokenizer lower-cases A–Z and nothing else. Used to look terms up in
    /// the vocabulary table, which lists stored (folded) terms.
    /// </summary>
    public static string Fold(string term)
    {
        int first = term.AsSpan().IndexOfAnyInRange('A', 'Z');
        if (first < 0)
        {
            return term;
        }

        return string.Create(term.Length, term, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });
    }
}

using System.Text;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// Deterministic stand-in relevance for the scripted reranker: the share of the query's distinct non-whitespace
/// characters (Unicode scalars, lower-cased invariant) that the document also holds, from 0 (none) to 1 (all). So a
/// Chinese passage that repeats the question's words scores above an unrelated one, on every machine. A query without
/// non-whitespace characters scores 0 against everything.
/// </summary>
public static class ScriptedRelevance
{
    public static double SharedCharacters(string query, string document)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(document);
        var asked = Characters(query);
        if (asked.Count == 0)
        {
            return 0;
        }

        var held = Characters(document);
        return asked.Count(held.Contains) / (double)asked.Count;
    }

    /// <summary><see cref="SharedCharacters"/> of the query and each document, in document order (the default of <see cref="ScriptedRerank"/>).</summary>
    public static IReadOnlyList<double> Score(ScriptedRerankRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. request.Documents.Select(d => SharedCharacters(request.Query, d))];
    }

    private static HashSet<Rune> Characters(string text)
    {
        var set = new HashSet<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                set.Add(Rune.ToLowerInvariant(rune));
            }
        }

        return set;
    }
}

namespace Wenjin.Text.Analysis;

/// <summary>
/// Harman's "S" stemmer, the light English stemmer: removes plural endings only (models → model, companies →
/// company, boxes → boxe), never -ing or -ed, whose removal needs a full stemmer to avoid conflating unrelated words.
/// The same rule runs on documents and queries, so both sides of a match always agree.
/// </summary>
internal static class EnglishPluralStemmer
{
    /// <summary>Stems a lower-case ASCII word in place and returns its new length.</summary>
    public static int Stem(Span<char> word)
    {
        int n = word.Length;
        if (n <= 3 || word[n - 1] != 's')
        {
            return n;
        }

        switch (word[n - 2])
        {
            case 'u':
            case 's':
            case 'i':
                // status, class, analysis: not plurals.
                return n;
            case 'e':
                if (word[n - 3] == 'i' && n > 4 && word[n - 4] != 'a' && word[n - 4] != 'e')
                {
                    word[n - 3] = 'y';
                    return n - 2;
                }

                if (word[n - 3] is 'i' or 'a' or 'o' or 'e')
                {
                    return n;
                }

                return n - 1;
            default:
                return n - 1;
        }
    }
}

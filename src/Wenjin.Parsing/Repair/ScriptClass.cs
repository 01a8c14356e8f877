namespace Wenjin.Parsing.Repair;

/// <summary>Character classes that decide how broken lines are joined.</summary>
internal static class ScriptClass
{
    /// <summary>Han characters, CJK punctuation, kana, hangul, full-width forms: written without spaces between them.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF'
            or >= '\uAC00' and <= '\uD7AF'
            or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F'
            or >= '\uFF00' and <= '\uFFEF'
            || char.IsSurrogate(c);

    /// <summary>Display width in columns: 2 for CJK, 1 otherwise.</summary>
    public static int Width(string text)
    {
        int width = 0;
        foreach (char c in text)
        {
            width += IsCjk(c) ? 2 : 1;
        }

        return width;
    }

    /// <summary>True when the text ends a sentence or clause in a way that closes a paragraph (。！？；： and ASCII ;:).</summary>
    public static bool EndsParagraph(string text)
    {
        char last = LastSignificant(text);
        return last is '。' or '！' or '？' or '；' or '：' or ';' or ':' or '…';
    }

    /// <summary>True when the text ends with any punctuation (so it is not a bare heading).</summary>
    public static bool EndsWithPunctuation(string text)
    {
        char last = LastSignificant(text);
        return last is '。' or '！' or '？' or '；' or '：' or '，' or '、' or ',' or '.' or ';' or ':' or '!' or '?' or '…';
    }

    private static char LastSignificant(string text)
    {
        for (int i = text.Length - 1; i >= 0; i--)
        {
            char c = text[i];
            if (c is '”' or '’' or '"' or '\'' or '」' or '』' or '）' or ')' or '》' or '】' or ' ')
            {
                continue;
            }

            return c;
        }

        return '\0';
    }
}

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// Checks around a cue word found in prose: whether the occurrence names the role (中标 in 中标候选人 or 未中标 does
/// not), and what lies between the cue and a value after it.
/// </summary>
internal static class CueContext
{
    /// <summary>Words after a cue that make it a different role: 中标候选人 is not the winner.</summary>
    private static readonly string[] RoleChangers = ["候选"];

    /// <summary>Words before a cue that negate it: 未中标, 非中标.</summary>
    private static readonly char[] Negations = ['未', '非', '不'];

    /// <summary>Whether the cue at [start, end) of <paramref name="text"/> names its role plainly.</summary>
    public static bool IsPlain(string text, int start, int end)
    {
        int after = end;
        while (after < text.Length && char.IsWhiteSpace(text[after]))
        {
            after++;
        }

        foreach (string word in RoleChangers)
        {
            if (string.CompareOrdinal(text, after, word, 0, word.Length) == 0)
            {
                return false;
            }
        }

        return start == 0 || !Negations.Contains(text[start - 1]);
    }

    /// <summary>
    /// The text between a cue ending at <paramref name="from"/> and a value starting at <paramref name="to"/>, without
    /// white space, when the value is close enough to belong to the cue: at most <paramref name="maxGap"/> characters,
    /// no sentence or clause end (。；，! ?), no blank line, and at most one colon. Null otherwise.
    /// </summary>
    public static string? Gap(string text, int from, int to, int maxGap)
    {
        if (to < from)
        {
            return null;
        }

        var gap = new System.Text.StringBuilder();
        int newlines = 0;
        int colons = 0;
        for (int k = from; k < to; k++)
        {
            char c = text[k];
            if (c == '\n')
            {
                if (++newlines > 1)
                {
                    return null;
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (c is '。' or '；' or ';' or '，' or ',' or '！' or '？' or '!' or '?' || gap.Length >= maxGap)
            {
                return null;
            }

            if (c is '：' or ':' && ++colons > 1)
            {
                return null;
            }

            newlines = 0;
            gap.Append(c);
        }

        return gap.ToString();
    }

    /// <summary>The clause before <paramref name="start"/>: back to the nearest 。；，, line break or 40 characters.</summary>
    public static string ClauseBefore(string text, int start)
    {
        int k = start;
        while (k > 0 && start - k < 40 && text[k - 1] is not ('。' or '；' or ';' or '，' or ',' or '\n' or '！' or '？'))
        {
            k--;
        }

        return text[k..start];
    }
}

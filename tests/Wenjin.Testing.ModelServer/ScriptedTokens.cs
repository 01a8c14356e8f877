using System.Text;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// The scripted server's token count, used for usage when a script does not set it: one token per non-whitespace
/// character (Unicode scalar). Close to real tokenizers for Chinese, an overcount for English; tests that need exact
/// numbers script them with <see cref="ChatScript.WithUsage"/>.
/// </summary>
public static class ScriptedTokens
{
    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        int count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                count++;
            }
        }

        return count;
    }
}

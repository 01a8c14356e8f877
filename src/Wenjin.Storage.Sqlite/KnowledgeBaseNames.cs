using System.Text;
using Wenjin.Errors;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// What a knowledge base may be called: 1–64 characters, each a letter (any script, Chinese included), a decimal
/// digit, '-', '_' or '.'. Names are compared exactly (case-sensitive).
/// </summary>
internal static class KnowledgeBaseNames
{
    public const int MaxLength = 64;

    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw WenjinException.Invalid(
                $"Invalid knowledge base name '{name}': use 1–{MaxLength} characters, each a letter (Chinese included), a digit, '-', '_' or '.'.");
        }
    }

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        int count = 0;
        foreach (Rune rune in name.EnumerateRunes())
        {
            if (++count > MaxLength)
            {
                return false;
            }

            bool allowed = Rune.IsLetter(rune) || Rune.IsDigit(rune) || rune.Value is '-' or '_' or '.';
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }
}

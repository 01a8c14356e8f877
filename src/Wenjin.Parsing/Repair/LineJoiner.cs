using System.Text;

namespace Wenjin.Parsing.Repair;

/// <summary>
/// Joins a hard-broken line onto the text before it: no space when either side of the break is CJK (Chinese is written
/// without spaces, and a break between Chinese and a number or Latin word was a layout artefact), one space between
/// Latin words, nothing after a hyphen that splits a Latin word.
/// </summary>
internal static class LineJoiner
{
    public static void Append(StringBuilder sb, string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (sb.Length == 0)
        {
            sb.Append(line);
            return;
        }

        char before = sb[^1];
        char after = line[0];
        bool hyphenated = before == '-' && sb.Length >= 2 && char.IsAsciiLetter(sb[^2]) && char.IsAsciiLetterLower(after);
        if (!(ScriptClass.IsCjk(before) || ScriptClass.IsCjk(after) || hyphenated || before == ' '))
        {
            sb.Append(' ');
        }

        sb.Append(line);
    }
}

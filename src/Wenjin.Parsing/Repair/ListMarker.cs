using System.Text.RegularExpressions;

namespace Wenjin.Parsing.Repair;

/// <summary>Recognizes list items in plain text: bullets (• · ● ○ ■ ◆ - *), "1." / "1)" / "（1）" / "①".</summary>
internal static partial class ListMarker
{
    public static bool StartsListItem(string line) => ListPattern().IsMatch(line);

    [GeneratedRegex(@"^(?:[•·●○■□◆◇▪►✓]\s*\S|[-*+]\s+\S|\d{1,2}[.)）]\s*\D|[（(]\d{1,2}[）)]|[①-⑳])")]
    private static partial Regex ListPattern();
}

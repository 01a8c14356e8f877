using System.Globalization;
using Wenjin.Search;

namespace Wenjin.Cli.Commands;

/// <summary>Prints a score explanation as an indented tree.</summary>
internal static class ExplanationPrinter
{
    public static void Print(TextWriter writer, ScoreExplanation explanation, int depth)
    {
        writer.WriteLine($"{new string(' ', depth * 2)}{explanation.Value.ToString("0.0000", CultureInfo.InvariantCulture)}  {explanation.Description}");
        foreach (var detail in explanation.Details)
        {
            Print(writer, detail, depth + 1);
        }
    }
}

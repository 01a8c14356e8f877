using System.Globalization;
using Wenjin.Errors;

namespace Wenjin.Parsing.Parsers;

/// <summary>
/// The decoded bytes one PDF may produce: each stream at most <see cref="ParsingLimits.MaxExpandedEntryBytes"/>, all
/// together at most <see cref="ParsingLimits.MaxExpandedBytes"/>. One per parse; PdfPig decodes on the parsing thread.
/// </summary>
internal sealed class PdfExpansionBudget
{
    private readonly ParsingLimits _limits;
    private long _total;

    public PdfExpansionBudget(ParsingLimits limits)
    {
        _limits = limits;
    }

    /// <summary>Throws TooLarge when one stream's decoded size is over the per-stream limit.</summary>
    public void CheckStream(long expanded)
    {
        if (expanded > _limits.MaxExpandedEntryBytes)
        {
            throw Refused($"a compressed stream in the PDF expands to more than {Megabytes(_limits.MaxExpandedEntryBytes)} MB");
        }
    }

    /// <summary>Counts a decoded stream; throws TooLarge when the stream or the document's total is over its limit.</summary>
    public void Add(long expanded)
    {
        CheckStream(expanded);
        _total += expanded;
        if (_total > _limits.MaxExpandedBytes)
        {
            throw Refused($"the PDF's compressed streams expand to more than {Megabytes(_limits.MaxExpandedBytes)} MB");
        }
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture);

    private static WenjinException Refused(string reason) =>
        new(WenjinErrorKind.TooLarge, $"{reason}; refused as a possible decompression bomb", "parse");
}

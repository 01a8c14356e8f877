using System.Runtime.ExceptionServices;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Building;
using Wenjin.Parsing.Repair;

namespace Wenjin.Parsing.Parsers;

/// <summary>
/// PDF text layers via PdfPig. Lines are rebuilt from letter positions; a vertical gap well above the usual line
/// spacing or an indented first line starts a paragraph, a line in a font clearly larger than the body hints a
/// heading, and <see cref="ConvertedTextRepairer"/> joins the hard-wrapped lines, removes page numbers and running
/// headers. Every block carries its page; <see cref="ParsedDocument.PageStarts"/> is set. Corrupt, truncated or
/// encrypted files and files without a text layer throw UnreadableContent (stage "parse"). Hostile files are bounded by
/// <see cref="ParsingLimits"/>: the page count is checked before any page is read, the extracted characters page by
/// page, and every decoded stream through <see cref="PdfBoundedFilterProvider"/> (a decompression bomb is refused
/// with TooLarge before PdfPig allocates it).
/// </summary>
public sealed class PdfParser : IDocumentParser
{
    private const double ParagraphGapRatio = 1.45;
    private const double HeadingSizeRatio = 1.2;

    private readonly ParsingLimits _limits;

    public PdfParser()
        : this(ParsingLimits.Default)
    {
    }

    public PdfParser(ParsingLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    public string Format => "pdf";

    public IReadOnlyCollection<string> Extensions { get; } = ["pdf"];

    public ParsedDocument Parse(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckEnvelope(source.Content);
        try
        {
            var options = new ParsingOptions { FilterProvider = new PdfBoundedFilterProvider(new PdfExpansionBudget(_limits)) };
            using PdfDocument document = PdfDocument.Open(source.Content, options);
            int pageCount = document.NumberOfPages;
            if (pageCount > _limits.MaxPages)
            {
                throw new WenjinException(
                    WenjinErrorKind.TooLarge,
                    $"the PDF has {pageCount} pages, more than the limit of {_limits.MaxPages}; split it or raise the page limit",
                    "parse");
            }

            var pages = new List<List<PdfLine>>(pageCount);
            long characters = 0;
            for (int number = 1; number <= pageCount; number++)
            {
                List<PdfLine> lines = PdfLineReader.ReadLines(document.GetPage(number));
                pages.Add(lines);
                characters += lines.Sum(line => (long)line.Text.Length);
                if (characters > _limits.MaxCharacters)
                {
                    throw new WenjinException(
                        WenjinErrorKind.TooLarge,
                        $"the PDF has more than {_limits.MaxCharacters:N0} characters of text by page {number}; split it or raise the character limit",
                        "parse");
                }
            }

            if (pages.All(p => p.Count == 0))
            {
                throw new WenjinException(
                    WenjinErrorKind.UnreadableContent,
                    "the PDF has no text layer (it is probably scanned); OCR is not supported, so convert it to text first",
                    "parse");
            }

            var builder = new ParsedDocumentBuilder();
            builder.AddRepaired(ConvertedTextRepairer.Instance.Repair(ToSourceLines(pages), pagesKnown: true));
            string? title = source.Title ?? document.Information.Title;
            return builder.Build(Format, encoding: null, title, pageCount);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                "the PDF is encrypted; remove its password protection and ingest it again",
                "parse",
                ex);
        }
        catch (Exception ex) when (ex is not WenjinException)
        {
            // A limit hit inside a PdfPig filter may come back wrapped in PdfPig's own exception.
            for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (inner is WenjinException limit)
                {
                    ExceptionDispatchInfo.Throw(limit);
                }
            }

            throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                $"the PDF is corrupt and cannot be read ({ex.Message}); re-export or repair the file",
                "parse",
                ex);
        }
    }

    /// <summary>A PDF starts with "%PDF-" and ends with "%%EOF"; without them it is not a PDF or it was truncated.</summary>
    private static void CheckEnvelope(byte[] content)
    {
        ReadOnlySpan<byte> head = content.AsSpan(0, Math.Min(content.Length, 1024));
        if (head.IndexOf("%PDF-"u8) < 0)
        {
            throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                "the file is not a PDF (no %PDF- header); check the file or its extension",
                "parse");
        }

        ReadOnlySpan<byte> tail = content.AsSpan(Math.Max(0, content.Length - 2048));
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                "the PDF is truncated (no %%EOF marker at its end); download or copy the file again",
                "parse");
        }
    }

    private static List<SourceLine> ToSourceLines(List<List<PdfLine>> pages)
    {
        var all = pages.SelectMany(p => p).ToList();
        double bodySize = Median(all.Select(l => l.Size));
        var gaps = new List<double>();
        foreach (List<PdfLine> page in pages)
        {
            for (int i = 1; i < page.Count; i++)
            {
                if (Math.Abs(page[i].Size - bodySize) < 0.5 && Math.Abs(page[i - 1].Size - bodySize) < 0.5)
                {
                    gaps.Add(page[i - 1].Baseline - page[i].Baseline);
                }
            }
        }

        double lineGap = gaps.Count > 0 ? Median(gaps) : bodySize * 1.2;
        var lines = new List<SourceLine>();
        for (int p = 0; p < pages.Count; p++)
        {
            List<PdfLine> page = pages[p];
            double margin = page.Count > 0 ? page.Min(l => l.Left) : 0;
            for (int i = 0; i < page.Count; i++)
            {
                PdfLine line = page[i];
                if (i > 0 && page[i - 1].Baseline - line.Baseline > lineGap * ParagraphGapRatio)
                {
                    lines.Add(new SourceLine(string.Empty, p + 1));
                }

                bool indented = line.Left - margin > line.Size * 1.5;
                bool large = line.Size >= bodySize * HeadingSizeRatio;
                lines.Add(new SourceLine(indented ? "  " + line.Text : line.Text, p + 1, large));
            }
        }

        return lines;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}

using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using Wenjin.Errors;

namespace Wenjin.Parsing.Archives;

/// <summary>
/// Refuses zip packages (DOCX) that would expand beyond <see cref="ParsingLimits"/> before any library opens them:
/// first from the central directory (entry count, each entry's declared size and compression ratio, their total), then
/// by inflating every entry once and counting the bytes actually produced, so a header that lies about sizes does not
/// get through (System.IO.Compression also stops an entry at its declared size, which turns an understated size into a
/// truncated, corrupt part; the count does not rely on that). Inflation streams through one small buffer; nothing is kept. Nested archives (an embedded workbook)
/// are never opened by a parser, so they count only as their own bytes.
/// </summary>
internal static class ZipExpansionGuard
{
    private const long RatioFloorBytes = 1024 * 1024;
    private const int BufferBytes = 64 * 1024;

    /// <summary>
    /// Throws TooLarge (stage "parse") when <paramref name="content"/> expands beyond the limits; a zip that cannot be
    /// read at all surfaces as <see cref="InvalidDataException"/> for the caller to report as corrupt.
    /// </summary>
    /// <param name="what">How the message names the file, e.g. "the Word file".</param>
    public static void Check(byte[] content, ParsingLimits limits, string what)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        if (archive.Entries.Count > limits.MaxArchiveEntries)
        {
            throw Refused($"{what} holds {archive.Entries.Count:N0} parts, more than the limit of {limits.MaxArchiveEntries:N0}");
        }

        long declaredTotal = 0;
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            CheckEntry(what, entry.FullName, entry.Length, entry.CompressedLength, limits);
            declaredTotal += entry.Length;
            CheckTotal(what, declaredTotal, limits);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long inflatedTotal = 0;
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                using Stream data = entry.Open();
                long inflated = 0;
                int read;
                while ((read = data.Read(buffer, 0, BufferBytes)) > 0)
                {
                    inflated += read;
                    inflatedTotal += read;
                    CheckEntry(what, entry.FullName, inflated, entry.CompressedLength, limits);
                    CheckTotal(what, inflatedTotal, limits);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckEntry(string what, string name, long expanded, long compressed, ParsingLimits limits)
    {
        if (expanded > limits.MaxExpandedEntryBytes)
        {
            throw Refused($"{what}'s part \"{name}\" expands to more than {Megabytes(limits.MaxExpandedEntryBytes)} MB");
        }

        if (expanded > RatioFloorBytes && expanded > (long)limits.MaxCompressionRatio * Math.Max(1, compressed))
        {
            throw Refused($"{what}'s part \"{name}\" is compressed more than {limits.MaxCompressionRatio}:1 ({compressed:N0} bytes expand to over {expanded:N0})");
        }
    }

    private static void CheckTotal(string what, long total, ParsingLimits limits)
    {
        if (total > limits.MaxExpandedBytes)
        {
            throw Refused($"{what} expands to more than {Megabytes(limits.MaxExpandedBytes)} MB");
        }
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture);

    private static WenjinException Refused(string reason) =>
        new(WenjinErrorKind.TooLarge, $"{reason}; refused as a possible zip bomb", "parse");
}

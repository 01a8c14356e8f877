using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Wenjin.Parsing.Parsers;

/// <summary>
/// One of PdfPig's stream filters with a <see cref="PdfExpansionBudget"/>: a Flate stream is first inflated into a
/// small reused buffer, counting the bytes actually produced and stopping at the per-stream limit, so a bomb is refused
/// before PdfPig allocates its output; every filter's output is then counted against the document's total.
/// </summary>
internal sealed class PdfBoundedFilter : IFilter
{
    private const int BufferBytes = 64 * 1024;

    private readonly IFilter _inner;
    private readonly PdfExpansionBudget _budget;

    public PdfBoundedFilter(IFilter inner, PdfExpansionBudget budget)
    {
        _inner = inner;
        _budget = budget;
    }

    public bool IsSupported => _inner.IsSupported;

    public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
    {
        if (_inner is FlateFilter)
        {
            CountInflated(input);
        }

        Memory<byte> output = _inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        _budget.Add(output.Length);
        return output;
    }

    /// <summary>Inflates like PdfPig (the two zlib header bytes skipped) without keeping the output; damaged data ends the count.</summary>
    private void CountInflated(Memory<byte> input)
    {
        if (input.Length <= 2)
        {
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            Memory<byte> body = input[2..];
            using var compressed = MemoryMarshal.TryGetArray((ReadOnlyMemory<byte>)body, out ArraySegment<byte> segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(body.ToArray(), writable: false);
            using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
            long inflated = 0;
            int read;
            while ((read = ReadOrEnd(inflater, buffer)) > 0)
            {
                inflated += read;
                _budget.CheckStream(inflated);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int ReadOrEnd(DeflateStream inflater, byte[] buffer)
    {
        try
        {
            return inflater.Read(buffer, 0, BufferBytes);
        }
        catch (InvalidDataException)
        {
            // PdfPig decides what damaged Flate data yields; the count only needs the bytes that inflate.
            return 0;
        }
    }
}

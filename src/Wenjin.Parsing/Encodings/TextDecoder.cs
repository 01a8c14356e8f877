using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Wenjin.Errors;

namespace Wenjin.Parsing.Encodings;

/// <summary>
/// Decodes text bytes by detecting their encoding, never assuming it: byte-order marks first, then BOM-less UTF-16
/// (zero-byte pattern), then UTF-8 (strictly valid, or valid but for a few damaged bytes), then files concatenated from
/// UTF-8 and GBK/Big5 parts (each line in its own encoding), then the better-scoring of GB18030 and Big5. Bytes invalid
/// in the chosen encoding become U+FFFD. Content that is not text
/// (many NUL or control bytes) throws UnreadableContent at stage "detect". Thread-safe.
/// </summary>
public static class TextDecoder
{
    private const int SampleBytes = 64 * 1024;
    private const int MixedMinimumUtf8Lines = 2;
    private const int MixedMinimumMultiByte = 3;

    private static readonly Encoding Gb18030;
    private static readonly Encoding Big5;
    private static readonly Encoding GbkProbe;
    private static readonly Encoding Big5Probe;

    static TextDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("gb18030", EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        Big5 = Encoding.GetEncoding(950, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        GbkProbe = Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
        Big5Probe = Encoding.GetEncoding(950, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>Decodes <paramref name="bytes"/>, detecting the encoding.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, declaredCharset: null);

    /// <summary>
    /// Decodes <paramref name="bytes"/>. A byte-order mark wins; otherwise a <paramref name="declaredCharset"/>
    /// (an HTML meta charset) is used when it names a known encoding and the bytes are valid in it; otherwise the
    /// encoding is detected.
    /// </summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        if (bytes.IsEmpty)
        {
            return new DecodedText(string.Empty, "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Checked(new DecodedText(Encoding.UTF8.GetString(bytes[3..]), "utf-8"));
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Checked(new DecodedText(Encoding.Unicode.GetString(bytes[2..]), "utf-16le"));
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Checked(new DecodedText(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be"));
        }

        if (bytes.Contains((byte)0))
        {
            string? utf16 = DetectBomlessUtf16(bytes);
            if (utf16 is null)
            {
                throw NotText();
            }

            Encoding encoding = utf16 == "utf-16le" ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return Checked(new DecodedText(encoding.GetString(bytes), utf16));
        }

        if (declaredCharset is not null && TryDeclared(bytes, declaredCharset) is { } declared)
        {
            return Checked(declared);
        }

        if (IsValidUtf8(bytes) || IsMostlyUtf8(bytes))
        {
            return Checked(new DecodedText(Encoding.UTF8.GetString(bytes), "utf-8"));
        }

        if (DecodeMixedLines(bytes) is { } mixed)
        {
            return Checked(mixed);
        }

        (Encoding legacy, string name) = ChooseLegacy(bytes);
        return Checked(new DecodedText(legacy.GetString(bytes), name));
    }

    /// <summary>GB18030 or Big5, whichever reads a sample of <paramref name="bytes"/> more plausibly.</summary>
    private static (Encoding Encoding, string Name) ChooseLegacy(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> sample = bytes.Length > SampleBytes ? bytes[..SampleBytes] : bytes;
        double gbScore = Score(Gb18030.GetString(sample), GbkProbe, IsGbFrequent);
        double big5Score = Score(Big5.GetString(sample), Big5Probe, IsBig5Frequent);
        return gbScore >= big5Score ? (Gb18030, "gb18030") : (Big5, "big5");
    }

    /// <summary>
    /// A file concatenated from UTF-8 and GBK/Big5 sources: at least <see cref="MixedMinimumUtf8Lines"/> lines that are
    /// valid UTF-8 with several multi-byte characters (GBK or Big5 text almost never is) next to lines that are not
    /// valid UTF-8. Each line is decoded in its own encoding; null when the file is not such a mix.
    /// </summary>
    private static DecodedText? DecodeMixedLines(ReadOnlySpan<byte> bytes)
    {
        int utf8Lines = 0, legacyLines = 0;
        var legacyBytes = new List<byte>();
        foreach (Range range in bytes.Split((byte)'\n'))
        {
            switch (Classify(bytes[range]))
            {
                case LineEncoding.Utf8:
                    utf8Lines++;
                    break;
                case LineEncoding.Legacy:
                    legacyLines++;
                    if (legacyBytes.Count < SampleBytes)
                    {
                        legacyBytes.AddRange(bytes[range]);
                        legacyBytes.Add((byte)'\n');
                    }

                    break;
                default:
                    break;
            }
        }

        if (utf8Lines < MixedMinimumUtf8Lines || legacyLines == 0)
        {
            return null;
        }

        (Encoding legacy, string name) = ChooseLegacy(legacyBytes.ToArray());
        var text = new StringBuilder(bytes.Length);
        bool first = true;
        foreach (Range range in bytes.Split((byte)'\n'))
        {
            if (!first)
            {
                text.Append('\n');
            }

            first = false;
            ReadOnlySpan<byte> line = bytes[range];
            text.Append(Classify(line) == LineEncoding.Legacy ? legacy.GetString(line) : Encoding.UTF8.GetString(line));
        }

        return new DecodedText(text.ToString(), "utf-8+" + name);
    }

    private static LineEncoding Classify(ReadOnlySpan<byte> line)
    {
        if (!line.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            return LineEncoding.Ascii;
        }

        if (!IsValidUtf8(line))
        {
            return LineEncoding.Legacy;
        }

        int multiByte = 0;
        ReadOnlySpan<byte> rest = line;
        while (!rest.IsEmpty && multiByte < MixedMinimumMultiByte)
        {
            Rune.DecodeFromUtf8(rest, out _, out int consumed);
            multiByte += consumed > 1 ? 1 : 0;
            rest = rest[Math.Max(1, consumed)..];
        }

        return multiByte >= MixedMinimumMultiByte ? LineEncoding.Utf8 : LineEncoding.Ambiguous;
    }

    private static DecodedText? TryDeclared(ReadOnlySpan<byte> bytes, string charset)
    {
        string name = charset.Trim().ToLowerInvariant();
        switch (name)
        {
            case "utf-8" or "utf8":
                return IsValidUtf8(bytes) ? new DecodedText(Encoding.UTF8.GetString(bytes), "utf-8") : null;
            case "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936":
                return new DecodedText(Gb18030.GetString(bytes), "gb18030");
            case "big5" or "big5-hkscs" or "x-x-big5" or "cp950":
                return new DecodedText(Big5.GetString(bytes), "big5");
            default:
                return null;
        }
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes);

    /// <summary>
    /// UTF-8 with a few damaged bytes (a file cut mid-character, one corrupted byte): many well-formed multi-byte
    /// sequences and few invalid ones. GBK and Big5 text rarely forms even a handful of valid UTF-8 sequences.
    /// </summary>
    private static bool IsMostlyUtf8(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0;
        ReadOnlySpan<byte> rest = bytes;
        while (!rest.IsEmpty)
        {
            OperationStatus status = Rune.DecodeFromUtf8(rest, out _, out int consumed);
            if (status == OperationStatus.Done)
            {
                if (consumed > 1)
                {
                    valid++;
                }
            }
            else
            {
                invalid++;
            }

            rest = rest[Math.Max(1, consumed)..];
        }

        return valid >= 8 && valid >= invalid * 20;
    }

    /// <summary>
    /// UTF-16 without a BOM shows zero bytes at one parity only (ASCII-range characters). Returns the encoding name,
    /// or null when the zero bytes do not follow that pattern (binary content).
    /// </summary>
    private static string? DetectBomlessUtf16(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            return null;
        }

        int pairs = Math.Min(bytes.Length, SampleBytes) / 2;
        int evenZeros = 0, oddZeros = 0;
        for (int i = 0; i < pairs; i++)
        {
            if (bytes[2 * i] == 0)
            {
                evenZeros++;
            }

            if (bytes[(2 * i) + 1] == 0)
            {
                oddZeros++;
            }
        }

        if (oddZeros >= pairs * 0.2 && evenZeros <= pairs * 0.02)
        {
            return "utf-16le";
        }

        if (evenZeros >= pairs * 0.2 && oddZeros <= pairs * 0.02)
        {
            return "utf-16be";
        }

        return null;
    }

    /// <summary>
    /// Plausibility of a CJK decoding: share of non-ASCII characters that are frequent in the code page's own
    /// frequency ordering, with a bonus for the most common characters and a penalty for undecodable sequences.
    /// </summary>
    private static double Score(string decoded, Encoding probe, Func<byte, byte, bool> isFrequent)
    {
        int nonAscii = 0;
        double score = 0;
        Span<byte> buffer = stackalloc byte[8];
        foreach (char c in decoded)
        {
            if (c < 0x80)
            {
                continue;
            }

            nonAscii++;
            if (c == '\uFFFD')
            {
                score -= 5;
                continue;
            }

            if (CommonHanzi.Contains(c))
            {
                score += 2;
            }

            if (char.IsSurrogate(c))
            {
                score -= 1;
                continue;
            }

            try
            {
                int n = probe.GetBytes([c], buffer);
                if (n == 2 && isFrequent(buffer[0], buffer[1]))
                {
                    score += 1;
                }
            }
            catch (EncoderFallbackException)
            {
                score -= 1;
            }
        }

        return nonAscii == 0 ? 0 : score / nonAscii;
    }

    /// <summary>
    /// GB2312 level-1 hanzi (rows 0xB0–0xD7, the 3,755 most frequent simplified characters) plus full-width
    /// punctuation (rows 0xA1–0xA3).
    /// </summary>
    private static bool IsGbFrequent(byte lead, byte trail) => lead is >= 0xB0 and <= 0xD7 or >= 0xA1 and <= 0xA3 && trail >= 0xA1;

    /// <summary>Big5 "frequently used" hanzi (0xA440–0xC67E) plus full-width punctuation (0xA140–0xA3BF).</summary>
    private static bool IsBig5Frequent(byte lead, byte trail)
    {
        int code = (lead << 8) | trail;
        return code is >= 0xA440 and <= 0xC67E or >= 0xA140 and <= 0xA3BF;
    }

    private static DecodedText Checked(DecodedText decoded)
    {
        string text = decoded.Text;
        int controls = 0;
        foreach (char c in text)
        {
            if ((c < 0x20 && c is not '\t' and not '\n' and not '\r' and not '\f') || c == '\uFFFD')
            {
                controls++;
            }
        }

        if (text.Length > 0 && controls > Math.Max(2, text.Length * 0.02))
        {
            throw NotText();
        }

        return decoded;
    }

    private static WenjinException NotText() => new(
        WenjinErrorKind.UnreadableContent,
        "the file does not contain text (it has binary or control bytes); check that it is really a text document",
        "detect");
}

using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Wenjin.Parsing.Tests.Golden;
using Wenjin.Parsing.Tests.Parsers;

namespace Wenjin.Parsing.Tests.Hostile;

/// <summary>
/// Hostile files generated in code (nothing binary is checked in): damaged copies of the valid fixtures, zip and
/// Flate bombs, text that is not text, and nesting built to exhaust a parser. Each generator is deterministic.
/// </summary>
internal static class HostileCorpus
{
    private const string ContentTypes = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";
    private const string PackageRelationships = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""";
    private const string DocumentStart = """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">""";
    private const string DocumentEnd = "</w:t></w:r></w:p></w:body></w:document>";

    public static byte[] ValidPdf() => GoldenFile.ReadFixture("report-zh.pdf");

    public static byte[] ValidDocx() => DocxFixtureWriter.WriteAmlPolicy();

    /// <summary>The first <paramref name="fraction"/> of the bytes, as a download cut short leaves them.</summary>
    public static byte[] Truncated(byte[] valid, double fraction) => valid[..(int)(valid.Length * fraction)];

    /// <summary>A PDF cut in half whose end marker was put back, so only its body is missing.</summary>
    public static byte[] TruncatedPdfWithEndMarker() => [.. Truncated(ValidPdf(), 0.5), .. "\n%%EOF\n"u8];

    /// <summary>Every byte of a run in the middle inverted (a damaged disk sector).</summary>
    public static byte[] Flipped(byte[] valid, int start, int length)
    {
        byte[] damaged = (byte[])valid.Clone();
        for (int i = start; i < Math.Min(damaged.Length, start + length); i++)
        {
            damaged[i] ^= 0xFF;
        }

        return damaged;
    }

    /// <summary>The zip with <paramref name="length"/> bytes of the named entry's compressed data inverted.</summary>
    public static byte[] FlippedEntryData(byte[] zip, string entryName, int length)
    {
        for (int i = 0; i + 30 <= zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == 0x04034b50)
            {
                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26));
                int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28));
                if (NameAt(zip, i + 30, nameLength) == entryName)
                {
                    return Flipped(zip, i + 30 + nameLength + extraLength + 8, length);
                }
            }
        }

        throw new InvalidOperationException($"no entry {entryName} in the zip");
    }

    /// <summary>A minimal Word package whose one paragraph is <paramref name="text"/> (the control for the bombs).</summary>
    public static byte[] MinimalDocx(string text) => Docx(document => document.Write(text));

    /// <summary>
    /// A Word package whose document.xml holds a run of <paramref name="zeroMegabytes"/> MB of zero characters ('0'),
    /// deflated from a stream to about a thousandth of that: a zip bomb whose headers tell the truth.
    /// </summary>
    public static byte[] ZipBombDocx(int zeroMegabytes) => Docx(document =>
    {
        var megabyte = new string('0', 1024 * 1024);
        for (int i = 0; i < zeroMegabytes; i++)
        {
            document.Write(megabyte);
        }
    });

    /// <summary>
    /// A Word package with <paramref name="entries"/> extra parts of <paramref name="megabytesEach"/> MB of zeros
    /// each: every part small enough alone, the package too large together.
    /// </summary>
    public static byte[] ManyPartsDocx(int entries, int megabytesEach)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WritePackageParts(archive, "内容");
            var zeros = new byte[1024 * 1024];
            for (int e = 0; e < entries; e++)
            {
                using Stream part = archive.CreateEntry($"word/media/fill{e}.bin", CompressionLevel.Optimal).Open();
                for (int i = 0; i < megabytesEach; i++)
                {
                    part.Write(zeros);
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The zip bomb of <see cref="ZipBombDocx"/> whose local and central headers both claim that document.xml
    /// expands to only <paramref name="claimedBytes"/> bytes: only counting the bytes actually inflated catches it.
    /// </summary>
    public static byte[] LyingHeaderDocx(int zeroMegabytes, uint claimedBytes)
    {
        byte[] zip = ZipBombDocx(zeroMegabytes);
        int patched = 0;
        for (int i = 0; i + 46 <= zip.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && NameAt(zip, i + 30, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26))) == "word/document.xml")
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), claimedBytes);
                patched++;
            }
            else if (signature == 0x02014b50 && NameAt(zip, i + 46, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28))) == "word/document.xml")
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), claimedBytes);
                patched++;
            }
        }

        if (patched != 2)
        {
            throw new InvalidOperationException($"expected to patch a local and a central header, patched {patched}");
        }

        return zip;
    }

    /// <summary>A Word package whose document.xml declares a DTD with nested entities (a "billion laughs" XML bomb).</summary>
    public static byte[] EntityBombDocx()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY l0 \"哈哈哈哈哈哈哈哈哈哈\">");
        for (int i = 1; i < 10; i++)
        {
            dtd.Append(CultureInfo.InvariantCulture, $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        dtd.Append("]>");
        string xml = dtd + DocumentStart[DocumentStart.IndexOf("<w:document", StringComparison.Ordinal)..] + "&l9;" + DocumentEnd;
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(archive, "[Content_Types].xml", ContentTypes);
            WriteEntry(archive, "_rels/.rels", PackageRelationships);
            WriteEntry(archive, "word/document.xml", xml);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A one-page PDF whose content stream draws <paramref name="text"/> and then holds <paramref name="paddingBytes"/>
    /// spaces, Flate-compressed: with a large padding, a Flate bomb that is otherwise a well-formed PDF.
    /// </summary>
    public static byte[] FlatePdf(string text, int paddingBytes)
    {
        byte[] content;
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 720 Td ({text}) Tj ET\n"));
                var spaces = new byte[64 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (int written = 0; written < paddingBytes; written += spaces.Length)
                {
                    zlib.Write(spaces, 0, Math.Min(spaces.Length, paddingBytes - written));
                }
            }

            content = compressed.ToArray();
        }

        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write(string.Create(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{body}\nendobj\n"));
        }

        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        offsets.Add(pdf.Position);
        Write(string.Create(CultureInfo.InvariantCulture, $"4 0 obj\n<< /Length {content.Length} /Filter /FlateDecode >>\nstream\n"));
        pdf.Write(content);
        Write("\nendstream\nendobj\n");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        long xref = pdf.Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (long offset in offsets)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    /// <summary><paramref name="bytes"/> bytes of Chinese text in UTF-8 without a single line break.</summary>
    public static byte[] OneLine(int bytes)
    {
        byte[] sentence = Encoding.UTF8.GetBytes("数据中心的液冷改造提升了单柜功率密度，");
        var line = new byte[bytes - (bytes % sentence.Length)];
        for (int i = 0; i < line.Length; i += sentence.Length)
        {
            sentence.CopyTo(line, i);
        }

        return line;
    }

    /// <summary>Seeded random bytes behind a PNG signature: an image renamed to .txt.</summary>
    public static byte[] BinaryDisguisedAsText(int bytes)
    {
        var binary = new byte[bytes];
        new Random(20240601).NextBytes(binary);
        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        png.CopyTo(binary);
        return binary;
    }

    /// <summary><paramref name="depth"/> nested elements named <paramref name="tag"/> around one sentence, never closed.</summary>
    public static byte[] NestedHtml(int depth, string tag = "div")
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>嵌套</title></head><body>", (depth * (tag.Length + 2)) + 100);
        for (int i = 0; i < depth; i++)
        {
            html.Append('<').Append(tag).Append('>');
        }

        html.Append("最深处的一句话。</body></html>");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>UTF-8 paragraphs with a GBK-encoded sentence and stray invalid bytes between them (a bad concatenation).</summary>
    public static byte[] Utf8WithGbkAndInvalidBytes()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = new List<byte>();
        for (int i = 0; i < 40; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"第{i}条 员工出差住宿费实行限额标准，超出部分由个人承担。\n")));
        }

        bytes.AddRange(Encoding.GetEncoding("gbk").GetBytes("这一句是用GBK编码写入的。\n"));
        bytes.AddRange(new byte[] { 0xFF, 0xFE, 0xC0, 0x80, 0x0A });
        bytes.AddRange(Encoding.UTF8.GetBytes("报销须提供发票原件。\n"));
        return [.. bytes];
    }

    /// <summary>Half UTF-8 and half GBK text: no one encoding reads it, and every reading leaves many broken characters.</summary>
    public static byte[] HalfUtf8HalfGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = new List<byte>();
        for (int i = 0; i < 20; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes("员工应在出差结束后十五个工作日内提交报销申请。\n"));
            bytes.AddRange(Encoding.GetEncoding("gbk").GetBytes("逾期不予受理，特殊情况须经部门负责人批准。\n"));
        }

        return [.. bytes];
    }

    private static byte[] Docx(Action<StreamWriter> writeBodyText)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(archive, "[Content_Types].xml", ContentTypes);
            WriteEntry(archive, "_rels/.rels", PackageRelationships);
            using var writer = new StreamWriter(archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            writer.Write(DocumentStart);
            writeBodyText(writer);
            writer.Write(DocumentEnd);
        }

        return stream.ToArray();
    }

    private static void WritePackageParts(ZipArchive archive, string text)
    {
        WriteEntry(archive, "[Content_Types].xml", ContentTypes);
        WriteEntry(archive, "_rels/.rels", PackageRelationships);
        WriteEntry(archive, "word/document.xml", DocumentStart + text + DocumentEnd);
    }

    private static void WriteEntry(ZipArchive archive, string name, string text)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static string NameAt(byte[] zip, int offset, int length) =>
        offset + length <= zip.Length ? Encoding.UTF8.GetString(zip, offset, length) : string.Empty;
}

namespace Wenjin.Parsing;

/// <summary>
/// Limits applied to every document so that no content, however hostile, can exhaust memory, CPU or the stack.
/// Content over a size limit fails with WenjinErrorKind.TooLarge; every failure names its stage ("read" or "parse").
/// </summary>
public sealed record ParsingLimits
{
    /// <summary>Largest accepted file, in bytes (default 64 MB).</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest accepted extracted text, in characters (default 20 million).</summary>
    public int MaxCharacters { get; init; } = 20_000_000;

    /// <summary>Largest accepted page count for paged formats (default 5,000).</summary>
    public int MaxPages { get; init; } = 5000;

    /// <summary>
    /// Longest one parse may run (default 60 s). A parse still running then is abandoned: the document fails at stage
    /// "parse" and ingestion goes on. Parser libraries are synchronous and .NET cannot stop a thread, so the abandoned
    /// parse keeps its background thread until the library returns; the other limits keep that work bounded.
    /// </summary>
    public TimeSpan ParseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Most abandoned parses (see <see cref="ParseTimeout"/>) that may still be running (default 4). With that many
    /// runaway threads busy, a new document fails at once at stage "parse" instead of adding another, so hostile files
    /// can never pile up threads; parsing resumes as soon as one of them ends (restarting the process ends them all).
    /// </summary>
    public int MaxAbandonedParses { get; init; } = 4;

    /// <summary>
    /// Most bytes a document may expand to when decompressed: all entries of a DOCX package together, or all decoded
    /// streams of a PDF together (default 256 MB). Counted from the bytes actually inflated, not from headers.
    /// </summary>
    public long MaxExpandedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most bytes one DOCX package entry or one PDF stream may expand to (default 128 MB).</summary>
    public long MaxExpandedEntryBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>
    /// Highest compression ratio (expanded : compressed) accepted for a DOCX package entry that expands to more than
    /// 1 MB (default 200; ordinary Word XML compresses 5–30:1, a zip bomb about 1000:1).
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Most entries a DOCX package may hold (default 10,000).</summary>
    public int MaxArchiveEntries { get; init; } = 10_000;

    /// <summary>
    /// Deepest element nesting accepted in HTML, checked by a cheap scan before the HTML parser runs (default 512;
    /// real pages stay well under 100). Deeper documents are refused rather than risk quadratic or recursive work.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 512;

    public static ParsingLimits Default { get; } = new();
}

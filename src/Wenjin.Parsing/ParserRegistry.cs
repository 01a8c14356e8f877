using System.Globalization;
using System.Runtime.ExceptionServices;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Parsers;

namespace Wenjin.Parsing;

/// <summary>
/// All document parsers by extension, built once and shared (thread-safe). <see cref="Parse"/> applies
/// <see cref="ParsingLimits"/>: too many bytes, characters or pages throw TooLarge; a parse running longer than
/// <see cref="ParsingLimits.ParseTimeout"/> is abandoned with TooLarge; an empty document throws UnreadableContent.
/// Whatever a parser library throws on malformed content becomes UnreadableContent at stage "parse", so content never
/// escapes as anything but a <see cref="WenjinException"/>. JSONL files are containers, read with
/// <see cref="Jsonl.JsonlRecordReader"/>, not parsed here.
/// </summary>
public sealed class ParserRegistry
{
    /// <summary>
    /// Stack of each parse thread: room for a library's own bounded recursion; the parsers themselves bound nesting
    /// (HTML depth scan, Markdig's depth limit, iterative inline rendering) so no content overflows it.
    /// </summary>
    private const int ParseThreadStackBytes = 8 * 1024 * 1024;

    private readonly Dictionary<string, IDocumentParser> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    private int _abandonedRunning;

    public ParserRegistry()
        : this(ParsingLimits.Default)
    {
    }

    public ParserRegistry(ParsingLimits limits)
        : this(limits, [])
    {
    }

    /// <summary>The built-in parsers plus <paramref name="additionalParsers"/>, which win for the extensions they name.</summary>
    public ParserRegistry(ParsingLimits limits, IEnumerable<IDocumentParser> additionalParsers)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(additionalParsers);
        if (limits.ParseTimeout <= TimeSpan.Zero && limits.ParseTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), limits.ParseTimeout, "ParseTimeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        if (limits.MaxAbandonedParses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), limits.MaxAbandonedParses, "MaxAbandonedParses must be at least 1.");
        }

        Limits = limits;
        IDocumentParser[] parsers =
        [
            new PlainTextParser(),
            new MarkdownParser(),
            new HtmlParser(limits),
            new PdfParser(limits),
            new DocxParser(limits),
            .. additionalParsers,
        ];
        foreach (IDocumentParser parser in parsers)
        {
            foreach (string extension in parser.Extensions)
            {
                _byExtension[extension] = parser;
            }
        }

        SupportedExtensions = [.. _byExtension.Keys.Order(StringComparer.Ordinal)];
    }

    public ParsingLimits Limits { get; }

    /// <summary>Lower-case extensions without the dot that have a parser (not including the "jsonl" container).</summary>
    public IReadOnlyList<string> SupportedExtensions { get; }

    /// <summary>The extension of JSONL containers, whose records are read with JsonlRecordReader.</summary>
    public static string JsonlExtension => "jsonl";

    public bool IsSupported(string extension) => _byExtension.ContainsKey(extension.TrimStart('.'));

    /// <summary>The parser for the source's extension; throws UnsupportedFormat (stage "detect") when there is none.</summary>
    public IDocumentParser Resolve(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_byExtension.TryGetValue(source.Extension, out IDocumentParser? parser))
        {
            return parser;
        }

        string what = source.Extension.Length == 0 ? $"\"{source.FileName}\" (no extension)" : $".{source.Extension}";
        string hint = source.Extension == JsonlExtension ? "; .jsonl files are containers: read their records with JsonlRecordReader" : string.Empty;
        throw new WenjinException(
            WenjinErrorKind.UnsupportedFormat,
            $"{what} is not a supported format (supported: {string.Join(", ", SupportedExtensions.Select(e => "." + e))}){hint}",
            "detect");
    }

    /// <summary>
    /// Resolves the parser and parses within the time limit, enforcing the limits before (bytes) and after
    /// (characters). The calling thread waits for the parse thread, at most <see cref="ParsingLimits.ParseTimeout"/>.
    /// </summary>
    public ParsedDocument Parse(DocumentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        IDocumentParser parser = Resolve(source);
        if (source.Content.LongLength > Limits.MaxBytes)
        {
            throw new WenjinException(
                WenjinErrorKind.TooLarge,
                $"\"{source.FileName}\" is {source.Content.LongLength:N0} bytes, more than the limit of {Limits.MaxBytes:N0}; split the file or raise the limit",
                "read");
        }

        if (source.Content.Length == 0)
        {
            throw new WenjinException(WenjinErrorKind.UnreadableContent, $"\"{source.FileName}\" is empty: the document has no text", "read");
        }

        ParsedDocument document = ParseWithinTimeLimit(parser, source);
        if (document.Text.Length > Limits.MaxCharacters)
        {
            throw new WenjinException(
                WenjinErrorKind.TooLarge,
                $"\"{source.FileName}\" has {document.Text.Length:N0} characters of text, more than the limit of {Limits.MaxCharacters:N0}; split the file or raise the limit",
                "parse");
        }

        return document;
    }

    /// <summary>
    /// Runs the parser on its own background thread with a known stack. When the time limit passes first, the
    /// document fails and the thread is abandoned: .NET cannot stop it, so it runs until the library returns or
    /// throws, its result dropped and its exceptions caught (never unhandled, which would end the process).
    /// </summary>
    private ParsedDocument ParseWithinTimeLimit(IDocumentParser parser, DocumentSource source)
    {
        int running = Volatile.Read(ref _abandonedRunning);
        if (running >= Limits.MaxAbandonedParses)
        {
            throw new WenjinException(
                WenjinErrorKind.Internal,
                $"\"{source.FileName}\" was not parsed: {running} earlier parses that ran past the time limit are still running, and no more are started until one ends; ingest it again later, or restart Wenjin to end them",
                "parse");
        }

        var run = new ParseRun(parser, source, () => Interlocked.Decrement(ref _abandonedRunning));
        var thread = new Thread(run.Execute, ParseThreadStackBytes)
        {
            IsBackground = true,
            Name = "wenjin-parse",
        };
        thread.Start();
        if (!thread.Join(Limits.ParseTimeout) && run.Abandon(() => Interlocked.Increment(ref _abandonedRunning)))
        {
            string seconds = Limits.ParseTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new WenjinException(
                WenjinErrorKind.TooLarge,
                $"\"{source.FileName}\" took longer than the parse time limit of {seconds} s and was abandoned; the file may be damaged or built to be slow to read — split it or raise the limit",
                "parse");
        }

        return run.Error switch
        {
            null => run.Document!,
            WenjinException error => Rethrow(error),
            OutOfMemoryException error => Rethrow(error),
            InsufficientExecutionStackException error => throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                $"\"{source.FileName}\" is nested too deeply to read safely as {parser.Format}; check that the file is not damaged",
                "parse",
                error),
            Exception error => throw new WenjinException(
                // A parser library failing on malformed input means this file is unreadable, not that Wenjin is broken.
                WenjinErrorKind.UnreadableContent,
                $"\"{source.FileName}\" could not be read as {parser.Format} ({error.Message}); check that the file is not damaged",
                "parse",
                error),
        };
    }

    private static ParsedDocument Rethrow(Exception error)
    {
        ExceptionDispatchInfo.Throw(error);
        throw error;
    }

    /// <summary>How many abandoned parses are still running (see <see cref="ParsingLimits.MaxAbandonedParses"/>).</summary>
    public int AbandonedParsesRunning => Volatile.Read(ref _abandonedRunning);

    /// <summary>One parse's input and outcome, shared between the waiting caller and the parse thread.</summary>
    private sealed class ParseRun
    {
        private const int Running = 0;
        private const int Finished = 1;
        private const int Abandoned = 2;

        private readonly IDocumentParser _parser;
        private readonly DocumentSource _source;
        private readonly Action _abandonedRunEnded;
        private int _state;

        public ParseRun(IDocumentParser parser, DocumentSource source, Action abandonedRunEnded)
        {
            _parser = parser;
            _source = source;
            _abandonedRunEnded = abandonedRunEnded;
        }

        /// <summary>
        /// Marks a parse that is still running as abandoned, counting it first; false when it finished meanwhile (then
        /// its result stands). Exactly one of this and the end of <see cref="Execute"/> settles the state, so an
        /// abandoned run is counted once and uncounted once.
        /// </summary>
        public bool Abandon(Action count)
        {
            count();
            if (Interlocked.CompareExchange(ref _state, Abandoned, Running) == Running)
            {
                return true;
            }

            _abandonedRunEnded();
            return false;
        }

        public ParsedDocument? Document { get; private set; }

        public Exception? Error { get; private set; }

        public void Execute()
        {
            try
            {
                Document = _parser.Parse(_source);
            }
            catch (Exception error)
            {
                Error = error;
            }
            finally
            {
                if (Interlocked.CompareExchange(ref _state, Finished, Running) == Abandoned)
                {
                    _abandonedRunEnded();
                }
            }
        }
    }
}

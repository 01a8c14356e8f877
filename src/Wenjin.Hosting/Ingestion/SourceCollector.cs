using Wenjin.Documents;
using Wenjin.Errors;

namespace Wenjin.Hosting.Ingestion;

/// <summary>
/// Expands what a caller hands in (paths, uploads) into ingestion items. Folders are walked recursively in ordinal
/// order, skipping hidden entries; a file's source id is its path relative to the folder it was found under (with '/'),
/// or its file name when given directly. A .jsonl file expands to one item per record (source id = record id).
/// </summary>
internal sealed class SourceCollector
{
    private readonly long _maxFileBytes;

    public SourceCollector(long maxFileBytes)
    {
        _maxFileBytes = maxFileBytes;
    }

    /// <summary>Checks every path exists before anything is ingested, so a typo fails early and nothing is half done.</summary>
    public static void ValidatePaths(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw WenjinException.Invalid("No files given: pass one or more files or folders to ingest.");
        }

        foreach (string path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw WenjinException.Invalid($"'{path}' does not exist: pass existing files or folders.");
            }
        }
    }

    public IEnumerable<IngestItem> FromPaths(IReadOnlyList<string> paths)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                string root = Path.GetFullPath(path);
                foreach (string file in EnumerateFiles(root))
                {
                    string sourceId = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                    foreach (var item in FromFile(file, sourceId))
                    {
                        yield return item;
                    }
                }
            }
            else
            {
                foreach (var item in FromFile(path, Path.GetFileName(path)))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>
    /// In-memory sources; <paramref name="fromFiles"/> says they are uploaded files (whose name may serve as the title),
    /// not records.
    /// </summary>
    public IEnumerable<IngestItem> FromSources(IEnumerable<DocumentSource> sources, bool fromFiles = false)
    {
        foreach (var source in sources)
        {
            if (source.Extension == "jsonl")
            {
                foreach (var item in FromJsonl(source.SourceId, source.Content))
                {
                    yield return item;
                }
            }
            else if (source.Content.LongLength > _maxFileBytes)
            {
                yield return IngestItem.Failed(source.SourceId, source.Content.LongLength, TooLargeMessage(source.Content.LongLength), "read");
            }
            else
            {
                yield return new IngestItem(source.SourceId, source, source.Content.LongLength, null, null) { FromFile = fromFiles };
            }
        }
    }

    private IEnumerable<IngestItem> FromFile(string file, string sourceId)
    {
        long length;
        byte[]? content = null;
        string? error = null;
        try
        {
            length = new FileInfo(file).Length;
            if (length <= _maxFileBytes || file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                content = File.ReadAllBytes(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            length = 0;
            error = $"Cannot read the file: {e.Message}";
        }

        if (error is not null)
        {
            yield return IngestItem.Failed(sourceId, length, error, "read");
            yield break;
        }

        if (content is null)
        {
            yield return IngestItem.Failed(sourceId, length, TooLargeMessage(length), "read");
            yield break;
        }

        if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var item in FromJsonl(sourceId, content))
            {
                yield return item;
            }

            yield break;
        }

        yield return new IngestItem(sourceId, new DocumentSource(sourceId, Path.GetFileName(file), content), length, null, null) { FromFile = true };
    }

    private IEnumerable<IngestItem> FromJsonl(string containerId, byte[] content)
    {
        foreach (var record in Wenjin.Parsing.Jsonl.JsonlRecordReader.Instance.Read(content))
        {
            if (record.Source is { } source)
            {
                yield return new IngestItem(source.SourceId, source, source.Content.LongLength, null, null);
            }
            else
            {
                yield return IngestItem.Failed($"{containerId}#L{record.LineNumber}", 0, record.Error ?? "Invalid record.", "read");
            }
        }
    }

    private static IEnumerable<string> EnumerateFiles(string root)
    {
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            string dir = stack.Pop();
            var files = Directory.GetFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).ToArray();
            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                yield return file;
            }

            var dirs = Directory.GetDirectories(dir).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray();
            Array.Sort(dirs, StringComparer.Ordinal);
            for (int i = dirs.Length - 1; i >= 0; i--)
            {
                stack.Push(dirs[i]);
            }
        }
    }

    private string TooLargeMessage(long length) =>
        $"The file is {length / (1024.0 * 1024.0):0.#} MB, over the {_maxFileBytes / (1024 * 1024)} MB limit; split it or raise the limit.";
}

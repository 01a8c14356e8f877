using System.IO.Compression;
using System.Text;

namespace Wenjin.Text;

/// <summary>Reads the data files embedded in this assembly (see Resources/NOTICE.md for their origin and licences).</summary>
internal static class EmbeddedResource
{
    /// <summary>
    /// Reads <paramref name="name"/> as UTF-8 text, decompressing names that end in ".gz". A missing resource is a
    /// packaging bug, reported as <see cref="WenjinErrorKind.Internal"/>.
    /// </summary>
    public static string ReadAllText(string name)
    {
        using Stream stream = Open(name);
        using var buffer = new MemoryStream(1 << 20);
        stream.CopyTo(buffer, 1 << 16);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Stream Open(string name)
    {
        Stream? stream = typeof(EmbeddedResource).Assembly.GetManifestResourceStream("Wenjin.Text." + name);
        if (stream is null)
        {
            throw new WenjinException(WenjinErrorKind.Internal, $"The embedded resource '{name}' is missing from {typeof(EmbeddedResource).Assembly.GetName().Name}.", "analyze");
        }

        return name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}

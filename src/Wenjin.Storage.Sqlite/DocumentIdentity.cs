using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// Stable identifiers: a document id depends only on its knowledge base and source id, so re-ingesting a source keeps
/// its id (and its citations' ids); a chunk id is the document id and the chunk's ordinal.
/// </summary>
internal static class DocumentIdentity
{
    /// <summary>The first 16 hex digits (lower case) of SHA-256(UTF-8 of kb + "\n" + sourceId).</summary>
    public static string DocumentId(string kb, string sourceId)
    {
        byte[] input = Encoding.UTF8.GetBytes(kb + "\n" + sourceId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    public static string ChunkId(string docId, long ordinal) =>
        string.Create(CultureInfo.InvariantCulture, $"{docId}-{ordinal}");
}

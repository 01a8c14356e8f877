using System.Globalization;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// Names of the index tables owned by one knowledge base. Built from the knowledge base's integer id only, never from
/// its name, so the names are always safe to splice into SQL.
/// </summary>
internal readonly record struct IndexTables(long KnowledgeBaseId)
{
    public string Fts => string.Create(CultureInfo.InvariantCulture, $"fts_{KnowledgeBaseId}");

    public string Vocabulary => string.Create(CultureInfo.InvariantCulture, $"fts_{KnowledgeBaseId}_vocab");
}

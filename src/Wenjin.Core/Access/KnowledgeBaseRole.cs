namespace Wenjin.Access;

/// <summary>A grant on one knowledge base; each role includes the ones before it (an owner may do what an editor may).</summary>
public enum KnowledgeBaseRole
{
    /// <summary>Search, ask, read documents and their text, conversations of their own, records, briefs, exports.</summary>
    Viewer,

    /// <summary>Also upload, re-ingest, delete documents and run extractions.</summary>
    Editor,

    /// <summary>Also manage members and settings, and delete the knowledge base.</summary>
    Owner,
}

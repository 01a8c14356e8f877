namespace Wenjin.Errors;

/// <summary>What went wrong, in terms a caller can act on. Hosts map each kind to one exit code / HTTP status.</summary>
public enum WenjinErrorKind
{
    /// <summary>The caller asked for something invalid (bad name, bad option, bad file). Fix the request.</summary>
    InvalidInput,

    /// <summary>A knowledge base, document or chunk does not exist.</summary>
    NotFound,

    /// <summary>The thing already exists or conflicts with the current state.</summary>
    Conflict,

    /// <summary>The file format is not one Wenjin reads.</summary>
    UnsupportedFormat,

    /// <summary>Content over a configured limit (bytes, characters, pages).</summary>
    TooLarge,

    /// <summary>The content could not be read (corrupt, empty, wrong type).</summary>
    UnreadableContent,

    /// <summary>The index was built by another analyzer name/version; it must be rebuilt before use.</summary>
    ReindexNeeded,

    /// <summary>The caller is not signed in (no valid session cookie or API key).</summary>
    Unauthenticated,

    /// <summary>The caller may see the thing but not do this to it (a viewer deleting, a read-only key uploading).</summary>
    Forbidden,

    /// <summary>A bug or environment failure; not the caller's fault.</summary>
    Internal,
}

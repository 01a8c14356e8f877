using Wenjin.Access;
using Wenjin.Errors;

namespace Wenjin.Hosting.Access;

/// <summary>
/// Who is calling and what they may reach, resolved once per request from the account store: the user, their system
/// role, their grants (their own and their groups', the highest role per knowledge base), and, for an API key, its
/// narrowing to some knowledge bases and to reading. A key never reaches more than its owner: its knowledge bases
/// are intersected with the owner's grants, and read-only caps every role at viewer.
/// </summary>
public sealed class Caller
{
    private readonly IReadOnlyDictionary<string, KnowledgeBaseAccess> _grants;
    private readonly HashSet<string>? _keyKbs;

    private readonly Func<string, bool>? _exists;

    /// <param name="exists">
    /// Whether a knowledge base exists, asked only for administrators (whose access covers every name): without it an
    /// administrator's refusal on a name that does not exist would be Forbidden instead of NotFound.
    /// </param>
    public Caller(UserAccount user, IReadOnlyList<KnowledgeBaseGrant> grants, ApiKeyInfo? key = null, Func<string, bool>? exists = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(grants);
        User = user;
        Key = key;
        _exists = exists;
        var merged = new Dictionary<string, KnowledgeBaseAccess>(StringComparer.Ordinal);
        foreach (var grant in grants)
        {
            merged[grant.Kb] = merged.TryGetValue(grant.Kb, out var held)
                ? new KnowledgeBaseAccess(held.Role > grant.Role ? held.Role : grant.Role, held.MayDownload || grant.MayDownload)
                : new KnowledgeBaseAccess(grant.Role, grant.MayDownload);
        }

        _grants = merged;
        _keyKbs = key?.Kbs is { } kbs ? new HashSet<string>(kbs, StringComparer.Ordinal) : null;
    }

    public UserAccount User { get; }

    /// <summary>The API key the request came with, or null for a signed-in session.</summary>
    public ApiKeyInfo? Key { get; }

    public bool IsAdmin => User.Role == SystemRole.Admin;

    /// <summary>Whether the caller may change anything at all (false for a read-only key).</summary>
    public bool MayWrite => Key is not { ReadOnly: true };

    /// <summary>Whether the caller may create knowledge bases: any user's session or unrestricted, writable key.</summary>
    public bool MayCreateKnowledgeBases => MayWrite && _keyKbs is null;

    /// <summary>What the caller may do in <paramref name="kb"/>, or null when it is invisible to them.</summary>
    public KnowledgeBaseAccess? AccessTo(string kb)
    {
        ArgumentNullException.ThrowIfNull(kb);
        if (_keyKbs is not null && !_keyKbs.Contains(kb))
        {
            return null;
        }

        var access = IsAdmin
            ? (_exists?.Invoke(kb) ?? true ? new KnowledgeBaseAccess(KnowledgeBaseRole.Owner, MayDownload: true) : null)
            : _grants.GetValueOrDefault(kb);
        if (access is null)
        {
            return null;
        }

        return MayWrite ? access : access with { Role = KnowledgeBaseRole.Viewer };
    }

    /// <summary>
    /// The caller's access to <paramref name="kb"/>, which must be at least <paramref name="needed"/>: NotFound (with
    /// the message of a knowledge base that does not exist) when it is invisible to them, Forbidden when the role is
    /// too low.
    /// </summary>
    public KnowledgeBaseAccess Require(string kb, KnowledgeBaseRole needed)
    {
        ArgumentNullException.ThrowIfNull(kb);
        var access = AccessTo(kb) ?? throw WenjinException.NotFound($"Knowledge base '{kb}' does not exist.");
        if (!access.Allows(needed))
        {
            string why = MayWrite ? $"your role in '{kb}' is {Name(access.Role)}" : "this API key is read-only";
            throw new WenjinException(WenjinErrorKind.Forbidden, $"This needs the {Name(needed)} role in '{kb}', but {why}. Ask an owner of the knowledge base (or an admin) for it.");
        }

        return access;
    }

    /// <summary>
    /// Requires an administrator; <paramref name="change"/> also requires a session or an unrestricted, writable key
    /// (a key narrowed to some knowledge bases never manages users).
    /// </summary>
    public void RequireAdmin(bool change)
    {
        if (!IsAdmin)
        {
            throw new WenjinException(WenjinErrorKind.Forbidden, "Only an administrator may do this.");
        }

        if (change && !MayCreateKnowledgeBases)
        {
            throw new WenjinException(WenjinErrorKind.Forbidden, "This API key is read-only or limited to some knowledge bases; administration needs a session or an unrestricted key.");
        }
    }

    public static string Name(KnowledgeBaseRole role) => role.ToString().ToLowerInvariant();

    /// <summary>How the caller appears in the audit log.</summary>
    public override string ToString() => Key is null ? User.Name : $"{User.Name} (key {Key.Name})";
}

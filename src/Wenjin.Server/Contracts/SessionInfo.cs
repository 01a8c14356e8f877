using System.Text.Json.Serialization;
using Wenjin.Access;

namespace Wenjin.Server.Contracts;

/// <summary>
/// Who the caller is and what they may reach (GET /api/auth/me, and the answer to a sign-in), so the UI shows only
/// what can be done. <see cref="Accounts"/> is false when the server runs without accounts (everyone is an admin).
/// </summary>
public sealed record SessionInfo(string User, SystemRole Role, bool Accounts, IReadOnlyList<SessionKnowledgeBase> Kbs)
{
    /// <summary>The API key the request came with, when it came with one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiKeyInfo? Key { get; init; }
}

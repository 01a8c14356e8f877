using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Hosting.Access;

namespace Wenjin.Server.Accounts;

/// <summary>
/// Sign-in, users and API keys over the <see cref="IAccountStore"/>. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512, salted, 100,000 iterations in its V3 format), and a
/// hash in an older format is replaced at the next successful sign-in. Nothing here keeps state between requests: a
/// disabled user, a changed password, a revoked key or a removed grant takes effect on the next request.
/// </summary>
public sealed class AccountService
{
    /// <summary>The name of the administrator created on the first start.</summary>
    public const string FirstAdminName = "admin";

    private readonly IAccountStore _store;
    private readonly AccountOptions _options;
    private readonly TimeProvider _clock;
    private readonly PasswordHasher<UserAccount> _hasher = new();

    /// <summary>A hash verified when the user name is unknown, so that an unknown name takes as long as a wrong password.</summary>
    private readonly Lazy<string> _decoyHash;

    private readonly Func<string, bool> _knowledgeBaseExists;

    public AccountService(IAccountStore store, Func<string, bool> knowledgeBaseExists, IOptions<AccountOptions> options, TimeProvider clock)
    {
        _store = store;
        _knowledgeBaseExists = knowledgeBaseExists;
        _options = options.Value;
        _clock = clock;
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(Placeholder, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));
    }

    private static UserAccount Placeholder => new(0, string.Empty, SystemRole.Member, DateTimeOffset.UnixEpoch);

    public IAccountStore Store => _store;

    /// <summary>
    /// Creates the administrator "admin" when there is no user yet, with <paramref name="configuredPassword"/> or else
    /// a generated one, which is returned (to be printed once and never stored in clear). Null when users existed or
    /// the password was configured.
    /// </summary>
    public string? EnsureFirstAdmin(string? configuredPassword)
    {
        if (_store.CountUsers() > 0)
        {
            return null;
        }

        string? generated = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : null;
        CreateUser(FirstAdminName, configuredPassword ?? generated!, SystemRole.Admin);
        return generated;
    }

    public UserAccount CreateUser(string name, string password, SystemRole role)
    {
        RequireUserName(name);
        RequirePassword(password);
        return _store.CreateUser(name.Trim(), _hasher.HashPassword(Placeholder, password), role);
    }

    public void SetPassword(string name, string password)
    {
        RequirePassword(password);
        _store.SetPassword(name, _hasher.HashPassword(Placeholder, password));
    }

    /// <summary>The user when the name and password match an enabled account; null otherwise, whatever the reason.</summary>
    public UserAccount? SignIn(string name, string password)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        var credentials = _store.FindUser(name.Trim());
        if (credentials is null)
        {
            _hasher.VerifyHashedPassword(Placeholder, _decoyHash.Value, password);
            return null;
        }

        var result = _hasher.VerifyHashedPassword(credentials.User, credentials.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed || credentials.User.Disabled)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            _store.SetPassword(credentials.User.Name, _hasher.HashPassword(credentials.User, password));
        }

        return credentials.User;
    }

    /// <summary>
    /// A value derived from the stored password hash, kept in the session cookie: changing the password (or resetting
    /// it) changes the stamp, which ends every session signed in with the old one.
    /// </summary>
    public static string SessionStamp(UserCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.PasswordHash)))[..16];
    }

    /// <summary>
    /// Creates an API key for <paramref name="owner"/>. The knowledge bases it is narrowed to must be visible to the
    /// owner (NotFound otherwise, as for any invisible knowledge base). Returns the key, which is never shown again.
    /// </summary>
    public (ApiKeySecret Secret, ApiKeyInfo Info) CreateKey(Caller owner, string name, IReadOnlyList<string>? kbs, bool readOnly, int? expiresInDays)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.Key is not null)
        {
            throw new WenjinException(WenjinErrorKind.Forbidden, "An API key cannot create API keys; sign in to create one.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            throw WenjinException.Invalid("Give the key a name of 1 to 100 characters (what it is for, e.g. \"nightly import\").");
        }

        int days = expiresInDays ?? _options.KeyDaysDefault;
        if (days < 1 || days > _options.KeyDaysMax)
        {
            throw WenjinException.Invalid($"expiresInDays must be between 1 and {_options.KeyDaysMax}.");
        }

        if (kbs is { Count: 0 })
        {
            throw WenjinException.Invalid("\"kbs\" is empty: leave it out for all of your knowledge bases, or name at least one.");
        }

        foreach (string kb in kbs ?? [])
        {
            if (owner.AccessTo(kb) is null)
            {
                throw WenjinException.NotFound($"Knowledge base '{kb}' does not exist.");
            }
        }

        var secret = ApiKeySecret.Generate();
        var info = _store.CreateKey(new NewApiKey(owner.User.Id, name.Trim(), secret.Prefix, secret.Hash())
        {
            Kbs = kbs?.Distinct(StringComparer.Ordinal).ToArray(),
            ReadOnly = readOnly,
            ExpiresAt = _clock.GetUtcNow().AddDays(days),
        });
        return (secret, info);
    }

    /// <summary>The caller a bearer key stands for, or the reason it is refused.</summary>
    public (Caller? Caller, string? Refusal) ResolveKey(string value)
    {
        var parsed = ApiKeySecret.TryParse(value);
        if (parsed is null)
        {
            return (null, "The Authorization header does not carry a Wenjin API key (Bearer wj_…).");
        }

        var stored = _store.FindKey(parsed.Prefix);
        if (stored is null || !parsed.Matches(stored.SecretHash))
        {
            return (null, "The API key is not valid.");
        }

        var now = _clock.GetUtcNow();
        if (stored.Key.RevokedAt is not null)
        {
            return (null, "The API key was revoked.");
        }

        if (stored.Key.ExpiresAt is { } expires && expires <= now)
        {
            return (null, "The API key has expired; create a new one.");
        }

        var user = _store.GetUser(stored.UserId);
        if (user is null || user.Disabled)
        {
            return (null, "The API key's user is disabled.");
        }

        _store.TouchKey(stored.Key.Id, now);
        return (CallerFor(user, stored.Key), null);
    }

    /// <summary>The caller for a user (and the key they came with), with their grants as they are now.</summary>
    public Caller CallerFor(UserAccount user, ApiKeyInfo? key = null) => new(user, _store.GrantsFor(user.Id), key, _knowledgeBaseExists);

    /// <summary>20 characters from 57 unambiguous ones (about 116 bits), easy to copy from a terminal.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);

    private static void RequireUserName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64 || name.Any(c => char.IsControl(c) || c is '/' or '\\'))
        {
            throw WenjinException.Invalid("A user name is 1 to 64 characters, without control characters or slashes.");
        }
    }

    private void RequirePassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < _options.MinPasswordLength)
        {
            throw WenjinException.Invalid($"The password is too short: use at least {_options.MinPasswordLength} characters.");
        }
    }
}

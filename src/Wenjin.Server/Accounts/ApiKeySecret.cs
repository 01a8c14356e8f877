using System.Security.Cryptography;
using System.Text;

namespace Wenjin.Server.Accounts;

/// <summary>
/// API keys as sent: "wj_" + a 16-hex-digit prefix that finds the key + "_" + a 256-bit random secret (base64url).
/// Only SHA-256 of the secret is stored: the secret is random and long, so a fast hash cannot be brute-forced, and the
/// check stays cheap on every request. The prefix is public (shown in key lists and the audit log).
/// </summary>
public sealed record ApiKeySecret(string Prefix, string Secret)
{
    private const string Scheme = "wj_";

    public static ApiKeySecret Generate() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Base64Url(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The key as the user copies it.</summary>
    public string Value => Scheme + Prefix + "_" + Secret;

    public string Hash() => HashOf(Secret);

    /// <summary>Whether <paramref name="storedHash"/> is the hash of this key's secret, compared in constant time.</summary>
    public bool Matches(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash()), Encoding.ASCII.GetBytes(storedHash));
    }

    /// <summary>Reads a key as sent; null when it does not have the shape of one.</summary>
    public static ApiKeySecret? TryParse(string? value)
    {
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal) || value.Length != Scheme.Length + 16 + 1 + 43 || value[Scheme.Length + 16] != '_')
        {
            return null;
        }

        string prefix = value.Substring(Scheme.Length, 16);
        string secret = value[(Scheme.Length + 17)..];
        return prefix.All(char.IsAsciiHexDigitLower) && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? new ApiKeySecret(prefix, secret)
            : null;
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Never the secret: keys must not end up in logs.</summary>
    public override string ToString() => Scheme + Prefix + "_…";
}

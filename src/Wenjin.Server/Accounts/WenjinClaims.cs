using System.Security.Claims;
using Wenjin.Access;

namespace Wenjin.Server.Accounts;

/// <summary>What a signed-in principal carries: the user's id and name, the session stamp (cookies) or the key prefix (API keys).</summary>
public static class WenjinClaims
{
    public const string Stamp = "wenjin:stamp";

    public const string KeyPrefix = "wenjin:key";

    public static ClaimsPrincipal For(UserAccount user, string scheme, string? stamp = null, string? keyPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Name),
        };
        if (stamp is not null)
        {
            claims.Add(new Claim(Stamp, stamp));
        }

        if (keyPrefix is not null)
        {
            claims.Add(new Claim(KeyPrefix, keyPrefix));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static long? UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id) ? id : null;
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Wenjin.Bench.Http;

/// <summary>
/// The accounts side of a load run, as a script would use Wenjin: the server starts with accounts on and a known
/// first-administrator password, the benchmark signs in as "admin" once (<c>POST /api/auth/login</c>) and creates one
/// API key per client loop (<c>POST /api/keys</c>: read-only, limited to the benchmark's knowledge base, expiring
/// after a day). Each client loop sends its own key as <c>Authorization: Bearer</c>, so the server's rate limit,
/// which counts per key, applies to each client separately.
/// </summary>
internal static class BenchKeys
{
    public const string AdminUser = "admin";

    private const int MaxRateLimitedRetries = 20;

    /// <summary>A fresh random password for the first administrator of a throw-away data directory.</summary>
    public static string NewPassword() => "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Signs in and creates <paramref name="count"/> keys; a 429 while creating them is waited out (Retry-After).</summary>
    /// <exception cref="HttpBenchException">Sign-in or key creation was refused.</exception>
    public static async Task<IReadOnlyList<string>> CreateAsync(Uri baseAddress, string password, string knowledgeBase, int count, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using (HttpResponseMessage login = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { user = AdminUser, password }, cancellationToken).ConfigureAwait(false))
        {
            if (login.StatusCode != HttpStatusCode.OK)
            {
                string text = await login.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new HttpBenchException($"Signing in as '{AdminUser}' answered {(int)login.StatusCode}: {text}");
            }
        }

        var keys = new List<string>(count);
        int retries = 0;
        while (keys.Count < count)
        {
            var body = new
            {
                name = string.Create(CultureInfo.InvariantCulture, $"bench client {keys.Count + 1}"),
                kbs = new[] { knowledgeBase },
                readOnly = true,
                expiresInDays = 1,
            };
            using HttpResponseMessage response = await client.PostAsJsonAsync(new Uri("api/keys", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && retries++ < MaxRateLimitedRetries)
            {
                TimeSpan wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new HttpBenchException($"Creating API key {keys.Count + 1} of {count} answered {(int)response.StatusCode}: {text}");
            }

            using JsonDocument created = JsonDocument.Parse(text);
            keys.Add(created.RootElement.GetProperty("key").GetString() ?? throw new HttpBenchException($"POST /api/keys answered without a key: {text}"));
        }

        return keys;
    }
}

using System.Text.Json;

namespace Wenjin.Cli.Tests;

/// <summary><c>wenjin users</c>: accounts managed locally on the data directory, the way back in without the admin password.</summary>
public sealed class UsersCommandTests
{
    [Fact]
    public async Task Users_are_added_listed_and_a_lost_password_is_reset_with_a_generated_one()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");

        var added = await WenjinProcess.RunAsync(data, "users", "add", "auditor", "--role", "admin");
        Assert.True(added.ExitCode == 0, added.ToString());
        string first = PasswordIn(added.Stdout);

        var given = await WenjinProcess.RunAsync(data, "users", "add", "clerk", "--password", "clerk-password-1");
        Assert.True(given.ExitCode == 0, given.ToString());
        Assert.DoesNotContain("Password", given.Stdout, StringComparison.Ordinal);

        var duplicate = await WenjinProcess.RunAsync(data, "users", "add", "CLERK", "--password", "clerk-password-1");
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Stderr, StringComparison.Ordinal);

        var list = await WenjinProcess.RunAsync(data, "users", "list", "--json");
        var users = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Select(u => (u.GetProperty("name").GetString(), u.GetProperty("role").GetString())).ToArray();
        Assert.Equal([("auditor", "admin"), ("clerk", "member")], users);

        var reset = await WenjinProcess.RunAsync(data, "users", "reset-password", "auditor");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.NotEqual(first, PasswordIn(reset.Stdout));

        var unknown = await WenjinProcess.RunAsync(data, "users", "reset-password", "nobody");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("nobody", unknown.Stderr, StringComparison.Ordinal);
    }

    private static string PasswordIn(string stdout)
    {
        const string Marker = "Password (shown only now): ";
        string line = stdout.Split('\n').Single(l => l.StartsWith(Marker, StringComparison.Ordinal));
        string password = line[Marker.Length..].Trim();
        Assert.Equal(20, password.Length);
        return password;
    }
}

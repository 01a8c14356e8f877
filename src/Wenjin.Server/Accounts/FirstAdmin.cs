namespace Wenjin.Server.Accounts;

/// <summary>
/// On a start with no user, creates the administrator "admin" with the password from Wenjin:Admin:Password, or with a
/// generated one printed once on the console (it is stored only hashed). Later starts change nothing.
/// </summary>
internal sealed class FirstAdmin : IHostedService
{
    public const string PasswordSetting = "Wenjin:Admin:Password";

    private readonly AccountService _accounts;
    private readonly IConfiguration _configuration;

    public FirstAdmin(AccountService accounts, IConfiguration configuration)
    {
        _accounts = accounts;
        _configuration = configuration;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        string? generated = _accounts.EnsureFirstAdmin(_configuration[PasswordSetting]);
        if (generated is not null)
        {
            Console.Out.WriteLine($"Created the administrator '{AccountService.FirstAdminName}' with the password: {generated}");
            Console.Out.WriteLine("  It is shown only this once. Sign in and change it, or set Wenjin__Admin__Password before the first start.");
            Console.Out.Flush();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

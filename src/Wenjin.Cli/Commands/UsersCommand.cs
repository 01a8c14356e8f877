using System.CommandLine;
using Microsoft.Extensions.Options;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Server.Accounts;

namespace Wenjin.Cli.Commands;

/// <summary>
/// <c>wenjin users list | add NAME [--role admin|member] [--password P] | reset-password NAME [--password P]</c>: the
/// server's accounts, managed locally on the data directory by whoever may read it (the way back in when the
/// administrator's password is lost). Without --password a password is generated and printed once.
/// </summary>
internal static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("users", "Manage the server's user accounts locally (list, add, reset-password).");

        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var list = new Command("list", "List the users with their roles.") { json };
        list.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            var users = service.Accounts.ListUsers();
            if (parse.GetValue(json))
            {
                CliContext.WriteJson(users);
                return 0;
            }

            foreach (var user in users)
            {
                await CliContext.Out.WriteLineAsync($"{user.Name}\t{user.Role.ToString().ToLowerInvariant()}{(user.Disabled ? "\tdisabled" : string.Empty)}");
            }

            return 0;
        }));

        var name = new Argument<string>("NAME") { Description = "User name." };
        var role = new Option<string>("--role") { Description = "admin or member (default member).", DefaultValueFactory = _ => "member" };
        var password = new Option<string?>("--password") { Description = "The password; generated and printed when omitted." };
        var add = new Command("add", "Create a user.") { name, role, password };
        add.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            var systemRole = parse.GetValue(role) switch
            {
                "admin" => SystemRole.Admin,
                "member" => SystemRole.Member,
                var other => throw WenjinException.Invalid($"--role is admin or member, not '{other}'."),
            };
            string secret = parse.GetValue(password) ?? AccountService.GeneratePassword();
            var user = Accounts(service).CreateUser(parse.GetValue(name)!, secret, systemRole);
            await CliContext.Out.WriteLineAsync($"Created {user.Name} ({user.Role.ToString().ToLowerInvariant()}).");
            await PrintGeneratedAsync(parse.GetValue(password), secret);
            return 0;
        }));

        var reset = new Command("reset-password", "Set a new password for a user and enable them again.") { name, password };
        reset.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            string user = parse.GetValue(name)!;
            string secret = parse.GetValue(password) ?? AccountService.GeneratePassword();
            Accounts(service).SetPassword(user, secret);
            service.Accounts.SetDisabled(user, disabled: false);
            await CliContext.Out.WriteLineAsync($"The password of {user} is reset; their other sessions have ended.");
            await PrintGeneratedAsync(parse.GetValue(password), secret);
            return 0;
        }));

        command.Subcommands.Add(list);
        command.Subcommands.Add(add);
        command.Subcommands.Add(reset);
        return command;
    }

    private static AccountService Accounts(KnowledgeBaseService service) =>
        new(service.Accounts, service.Exists, Options.Create(new AccountOptions()), TimeProvider.System);

    private static async Task PrintGeneratedAsync(string? given, string secret)
    {
        if (given is null)
        {
            await CliContext.Out.WriteLineAsync($"Password (shown only now): {secret}");
        }
    }
}

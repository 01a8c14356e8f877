using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Wenjin.Server;

namespace Wenjin.Cli.Commands;

/// <summary><c>wenjin serve [--urls URL]</c>: the web UI and HTTP API over the data directory, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Address(es) to listen on, separated by ';' (default {WenjinServer.DefaultUrl}).",
            DefaultValueFactory = _ => WenjinServer.DefaultUrl,
        };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not create the demo knowledge base on first start." };
        var serve = new Command("serve", "Serve the web UI and the HTTP API (Ctrl+C stops).") { urls, noDemo };
        serve.SetAction(async (parse, ct) =>
        {
            string data = context.DataDirectory(parse);
            var app = WenjinServer.Create(["--urls", parse.GetValue(urls)!, "--Wenjin:Data", data, "--Wenjin:Demo", parse.GetValue(noDemo) ? "false" : "true"]);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e)
            {
                await CliContext.Error.WriteLineAsync($"error: cannot listen on {parse.GetValue(urls)}: {e.Message} (choose another address with --urls).");
                return 1;
            }

            await app.WaitForShutdownAsync(ct);
            await app.DisposeAsync();
            return 0;
        });
        return serve;
    }
}

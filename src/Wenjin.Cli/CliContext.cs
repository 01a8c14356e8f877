using System.CommandLine;
using System.Text.Json;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Hosting.Json;

namespace Wenjin.Cli;

/// <summary>
/// What every command shares: opening the data directory, writing JSON, and turning exceptions into exit codes
/// (1: the user can fix it, message on stderr; 2: an internal error).
/// </summary>
internal sealed class CliContext
{
    private readonly Option<string?> _data;

    public CliContext(Option<string?> data)
    {
        _data = data;
    }

    public static TextWriter Out => Console.Out;

    public static TextWriter Error => Console.Error;

    public static void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, WenjinJson.Options));

    /// <summary>--data, else $WENJIN_DATA, else ./.wenjin.</summary>
    public string DataDirectory(ParseResult parse) =>
        parse.GetValue(_data) ?? Environment.GetEnvironmentVariable("WENJIN_DATA") ?? Path.Combine(Environment.CurrentDirectory, ".wenjin");

    public async Task<int> RunAsync(ParseResult parse, Func<KnowledgeBaseService, Task<int>> action)
    {
        try
        {
            var options = Server.WenjinConfiguration.Read(Server.WenjinConfiguration.FromEnvironment(), WenjinOptions.Default.MaxFileBytes);
            using var service = KnowledgeBaseService.Open(DataDirectory(parse), options);
            return await action(service);
        }
        catch (WenjinException e) when (e.Kind != WenjinErrorKind.Internal)
        {
            await Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Error.WriteLineAsync("cancelled.");
            return 1;
        }
        catch (Exception e)
        {
            await Error.WriteLineAsync($"internal error: {e}");
            return 2;
        }
    }
}

using Wenjin.Hosting;
using Wenjin.Hosting.Models;

namespace Wenjin.Server;

/// <summary>
/// Reads the <see cref="WenjinOptions"/> that configuration can set (CONTRACTS.md "Configuration": section Wenjin, e.g.
/// Wenjin:Chat:BaseUrl or the environment variable Wenjin__Chat__BaseUrl). Used by the server and the command line,
/// so both answer the same way for the same configuration.
/// </summary>
public static class WenjinConfiguration
{
    public static WenjinOptions Read(IConfiguration configuration, long maxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var chat = configuration.GetSection(ServerOptions.Section + ":Chat").Get<ChatModelOptions>() ?? new ChatModelOptions();
        return WenjinOptions.Default with { MaxFileBytes = maxFileBytes, Chat = chat };
    }

    /// <summary>Configuration from environment variables only (the command line has no appsettings.json).</summary>
    public static IConfiguration FromEnvironment() => new ConfigurationBuilder().AddEnvironmentVariables().Build();
}

namespace Wenjin.Server;

/// <summary>The server's settings: section "Wenjin" of appsettings.json or environment variables Wenjin__….</summary>
public sealed class ServerOptions
{
    public const string Section = "Wenjin";

    /// <summary>Data directory (Wenjin:Data, or WENJIN_DATA); default ./.wenjin under the working directory, as for the CLI.</summary>
    public string Data { get; set; } = ".wenjin";

    /// <summary>On the first start with an empty data directory, create the knowledge base "demo" from the bundled samples.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Largest accepted file (bytes); a larger upload is answered 413.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest upload request (all its files together, bytes).</summary>
    public long MaxUploadRequestBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most files in one upload request.</summary>
    public int MaxFilesPerUpload { get; set; } = 200;
}

using Wenjin.Errors;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// The schemas a knowledge base can be extracted with: the built-ins (<see cref="BuiltInNames"/>, embedded in this
/// assembly) and the user's schema files <c>DATA/schemas/NAME.schema.json</c>. User files are read on every call, so an
/// edited file takes effect without a restart; a user file may not reuse a built-in name (that would silently change
/// what a name means in earlier exports). Thread-safe.
/// </summary>
public sealed class SchemaCatalog
{
    /// <summary>The folder under the data directory that holds user schema files.</summary>
    public const string UserFolderName = "schemas";

    private const string ResourcePrefix = "Wenjin.Hosting.Extraction.Schemas.";

    private readonly JsonSchemaReader _reader;
    private readonly string? _userFolder;
    private readonly Lazy<IReadOnlyList<ExtractionSchema>> _builtIns;

    /// <param name="reader">Reads built-in and user schema files.</param>
    /// <param name="userFolder">The folder of user schema files (need not exist), or null for built-ins only.</param>
    public SchemaCatalog(JsonSchemaReader reader, string? userFolder)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _userFolder = userFolder;
        _builtIns = new Lazy<IReadOnlyList<ExtractionSchema>>(LoadBuiltIns, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The names of the built-in schemas.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["news-brief", "application-case", "bid-award"];

    /// <summary>A catalog over the default taxonomy with user schemas from <paramref name="dataDirectory"/>/schemas.</summary>
    public static SchemaCatalog ForDataDirectory(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        return new SchemaCatalog(new JsonSchemaReader(ExtractionTaxonomy.Default), Path.Combine(dataDirectory, UserFolderName));
    }

    /// <summary>True when <paramref name="name"/> is a built-in schema.</summary>
    public static bool IsBuiltIn(string name) => BuiltInNames.Contains(name, StringComparer.Ordinal);

    /// <summary>All schemas: the built-ins in <see cref="BuiltInNames"/> order, then the user schemas by name.</summary>
    public IReadOnlyList<ExtractionSchema> List() => [.. _builtIns.Value, .. UserFiles().Select(_reader.ReadFile)];

    /// <summary>The schema called <paramref name="name"/>; a not-found error listing the known names otherwise.</summary>
    public ExtractionSchema Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builtIn = _builtIns.Value.FirstOrDefault(s => s.Name == name);
        if (builtIn is not null)
        {
            return builtIn;
        }

        string? file = UserFiles().FirstOrDefault(f => FileSchemaName(f) == name);
        if (file is not null)
        {
            return _reader.ReadFile(file);
        }

        var known = BuiltInNames.Concat(UserFiles().Select(FileSchemaName));
        string where = _userFolder is null ? "" : $" Add a user schema as {Path.Combine(_userFolder, name + JsonSchemaReader.FileSuffix)}.";
        throw WenjinException.NotFound($"There is no schema '{name}'. Known schemas: {string.Join(", ", known)}.{where}");
    }

    private List<string> UserFiles()
    {
        if (_userFolder is null || !Directory.Exists(_userFolder))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(_userFolder, "*" + JsonSchemaReader.FileSuffix)
            .Order(StringComparer.Ordinal)
            .ToList();
        string? shadowing = files.FirstOrDefault(f => IsBuiltIn(FileSchemaName(f)));
        if (shadowing is not null)
        {
            throw new WenjinException(WenjinErrorKind.Conflict, $"The schema file '{shadowing}' uses the name of a built-in schema; rename it.");
        }

        return files;
    }

    private static string FileSchemaName(string path)
    {
        string fileName = Path.GetFileName(path);
        return fileName[..^JsonSchemaReader.FileSuffix.Length];
    }

    private IReadOnlyList<ExtractionSchema> LoadBuiltIns()
    {
        var schemas = new List<ExtractionSchema>();
        foreach (string name in BuiltInNames)
        {
            string resource = ResourcePrefix + name + JsonSchemaReader.FileSuffix;
            using Stream stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(resource)
                ?? throw new WenjinException(WenjinErrorKind.Internal, $"The embedded resource '{resource}' is missing.");
            using var reader = new StreamReader(stream);
            schemas.Add(_reader.Read(name, reader.ReadToEnd()));
        }

        return schemas;
    }
}

using System.Text.Json;
using Wenjin.Bench.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

/// <summary>Hand-made gold records and predicted fields for the scorer tests.</summary>
internal static class TestRecords
{
    /// <summary>A gold record of <paramref name="schema"/> with the given fields (a JSON object's body).</summary>
    public static ExpectedRecord Gold(string schema, string fieldsJson, string file = "doc.txt") =>
        ExpectedRecordReader.ParseLine($$$"""{"file": "{{{schema}}}/{{{file}}}", "schema": "{{{schema}}}", "fields": {{{{fieldsJson}}}}}""");

    /// <summary>A predicted field holding <paramref name="value"/> (serialised as JSON) with the given quotes.</summary>
    public static PredictedField Field(object? value, params string[] quotes) =>
        new(JsonSerializer.SerializeToElement(value), quotes);

    /// <summary>The checkout root: the folder with Wenjin.slnx above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wenjin.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Wenjin.slnx above {AppContext.BaseDirectory}.");
    }
}

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// One entry of a field's <c>x-wenjin-source</c>: how the model-free extractor fills the field, written
/// "name" or "name:arg1|arg2". <see cref="SourceHintVocabulary"/> lists the names and what each means.
/// </summary>
public sealed record SourceHint(string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>Reads "name" or "name:arg1|arg2"; empty arguments are ignored. The name is not checked here.</summary>
    public static SourceHint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new SourceHint(text.Trim(), []);
        }

        string[] arguments = text[(colon + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new SourceHint(text[..colon].Trim(), arguments);
    }

    /// <summary>The hint as written in a schema file.</summary>
    public override string ToString() => Arguments.Count == 0 ? Name : Name + ":" + string.Join('|', Arguments);
}

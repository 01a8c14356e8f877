namespace Wenjin.Extraction;

/// <summary>Which extractor an <see cref="ExtractionRequest"/> asks for.</summary>
public enum ExtractionMode
{
    /// <summary>The knowledge base's chat model when one is configured, else the rules.</summary>
    Auto,

    /// <summary>The rules, even when a model is configured.</summary>
    Rules,

    /// <summary>The chat model; misuse (InvalidInput) when none is configured.</summary>
    Model,
}

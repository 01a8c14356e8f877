namespace Wenjin.Text.Normalization;

/// <summary>How the analyzer treats a folded character when it splits text into runs.</summary>
internal enum CharClass : byte
{
    /// <summary>Punctuation, white space, symbols: separates tokens and is dropped.</summary>
    Other,

    /// <summary>A CJK ideograph: segmented into words.</summary>
    Cjk,

    /// <summary>A letter of an alphabetic script (Latin, Greek, Cyrillic, kana, Hangul …).</summary>
    Letter,

    /// <summary>An ASCII digit 0–9 (full-width digits fold to these).</summary>
    Digit,
}

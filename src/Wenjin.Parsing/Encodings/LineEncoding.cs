namespace Wenjin.Parsing.Encodings;

/// <summary>How one line of a possibly mixed-encoding file reads.</summary>
internal enum LineEncoding
{
    /// <summary>Only ASCII bytes: the same in every encoding.</summary>
    Ascii,

    /// <summary>Valid UTF-8 with several multi-byte characters.</summary>
    Utf8,

    /// <summary>Not valid UTF-8: GBK or Big5.</summary>
    Legacy,

    /// <summary>Valid UTF-8 but with too few multi-byte characters to tell it from a legacy encoding.</summary>
    Ambiguous,
}

namespace Wenjin.Parsing.Encodings;

/// <summary>Text decoded from bytes and the name of the encoding that was detected ("utf-8", "gb18030", "big5", …).</summary>
public sealed record DecodedText(string Text, string EncodingName);

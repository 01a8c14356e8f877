using System.Globalization;

namespace Wenjin.Hosting.Extraction.Export;

/// <summary>One cell of a <see cref="RecordTable"/>: text, or a number kept as a number.</summary>
public readonly record struct RecordCell(string Value, decimal? NumberValue)
{
    public static RecordCell Text(string value) => new(value, null);

    public static RecordCell Number(decimal value) => new(value.ToString(CultureInfo.InvariantCulture), value);
}

namespace Wenjin.Text.Extraction;

/// <summary>
/// A quantity read from a <see cref="JoinedText"/> view at [Start, End) by <see cref="QuantityScanner"/>.
/// <see cref="Number"/> is the number as written (sign applied; for Chinese numerals without a trailing 万/亿);
/// <see cref="Multiplier"/> the 万/亿/千/百 words after it ("" when none); <see cref="Unit"/> the unit word ("%", "元",
/// "家", "个百分点", "" when none); <see cref="Value"/> the normalized value: number × multiplier (money in its
/// currency's main unit, 角 and 分 included), the percentage for percentages, 0 for dates. Date fields are 0 when absent.
/// </summary>
internal readonly record struct ScannedQuantity(
    QuantityKind Kind,
    int Start,
    int End,
    decimal Number,
    string Multiplier,
    string Unit,
    decimal Value,
    string? Currency,
    int Year,
    int Month,
    int Day);

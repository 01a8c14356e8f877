namespace Wenjin.Extraction;

/// <summary>
/// A candidate value that was not kept. <see cref="Field"/> is a path: the field name, "name[i]" for the i-th (0-based)
/// item of a list, "name.property" inside an object. <see cref="Value"/> is the candidate as text (JSON text for
/// lists and objects); <see cref="Reason"/> is one of <see cref="DropReasons"/>; <see cref="Detail"/> (an addition to
/// the contract shape) says what exactly failed, for a person reading the report.
/// </summary>
public sealed record DroppedValue(string Field, string Value, string Reason, string Detail);

namespace Wenjin.Bench.Extraction;

/// <summary>
/// Exact-string fields: correct when the normalised prediction equals the normalised gold value or one of its
/// <c>_alt</c> values. 链接 also ignores a trailing '/'; 省份 also compares with the province suffix stripped
/// (广西 = 广西壮族自治区, 上海 = 上海市). A value that is not a string is wrong.
/// </summary>
internal static class ExactStringScorer
{
    // Longest first, so that 广西壮族自治区 loses 壮族自治区 and not only 自治区.
    private static readonly string[] ProvinceSuffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"];

    public static DocumentFieldScore Score(string field, ExpectedRecord gold, PredictedField? predicted)
    {
        if (predicted is null || !predicted.HasValue)
        {
            return DocumentFieldScore.NotPredicted;
        }

        if (predicted.Value.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            return DocumentFieldScore.Single(false);
        }

        string value = predicted.Value.GetString()!;
        return DocumentFieldScore.Single(gold.Strings(field).Concat(gold.Strings(field + "_alt")).Any(accepted => IsMatch(field, value, accepted)));
    }

    public static bool IsMatch(string field, string predicted, string gold)
    {
        string left = TextNormalizer.Normalize(predicted);
        string right = TextNormalizer.Normalize(gold);
        if (field == "链接")
        {
            left = left.TrimEnd('/');
            right = right.TrimEnd('/');
        }

        if (left.Length > 0 && string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        if (field == "省份")
        {
            string strippedLeft = StripProvinceSuffix(left);
            return strippedLeft.Length > 0 && string.Equals(strippedLeft, StripProvinceSuffix(right), StringComparison.Ordinal);
        }

        return false;
    }

    public static string StripProvinceSuffix(string province)
    {
        foreach (string suffix in ProvinceSuffixes)
        {
            if (province.Length > suffix.Length && province.EndsWith(suffix, StringComparison.Ordinal))
            {
                return province[..^suffix.Length];
            }
        }

        return province;
    }
}

using System.Text;

namespace Wenjin.Server.Tests;

/// <summary>Small documents written for these tests, and file helpers.</summary>
public static class TestData
{
    public const string ReportName = "智算中心报告.md";

    public static readonly byte[] Report = Encoding.UTF8.GetBytes(
        """
        # 2024年度智算中心建设报告

        ## 一、总体情况

        2024年，公司智算中心完成二期扩容，新增GPU服务器320台，总算力规模达到5000P。

        千卡并行的有效算力达到 92%，较2023年的85%提升了7个百分点。

        ## 二、能耗

        数据中心年均PUE为1.25，低于行业平均水平1.49。可再生能源占比38%。
        """);

    public const string PolicyName = "差旅办法.txt";

    public static readonly byte[] Policy = Encoding.UTF8.GetBytes(
        """
        员工差旅管理办法

        第一条 员工出差乘坐火车可乘坐二等座，乘坐飞机可乘坐经济舱。
        第二条 一线城市住宿费标准为每人每晚不超过600元，其他城市不超过400元。
        第三条 出差结束后十个工作日内完成报销。
        """);

    /// <summary>The repository's samples/ folder, copied beside the tests.</summary>
    public static string Samples => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a finishing background thread; the temp folder is cleaned by the OS later.
        }
    }
}

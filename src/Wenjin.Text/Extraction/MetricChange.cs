namespace Wenjin.Text.Extraction;

/// <summary>What a result metric's verb says about its value.</summary>
public enum MetricChange
{
    /// <summary>The metric reached or stands at the value (达到, 为, 超过, 突破, 覆盖, 实现).</summary>
    Reached,

    /// <summary>The metric rose by or to the value (提升, 提高, 增长, 增加, 上升).</summary>
    Increased,

    /// <summary>The metric fell by or to the value (降低, 下降, 缩短, 减少, 节省, 节约).</summary>
    Decreased,
}

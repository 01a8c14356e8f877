using System.Collections.Frozen;

namespace Wenjin.Text.Extraction;

/// <summary>
/// The word lists of <see cref="OrganizationExtractor"/>, in folded (Simplified) form: the suffixes that end an
/// organisation name, the words that stop a name on its left, the words too generic to name an organisation on their
/// own, and the common words that end in a suffix without being organisations.
/// </summary>
internal static class OrganizationVocabulary
{
    /// <summary>Suffixes, longest first. A name part of at least two characters must come before them.</summary>
    public static readonly string[] Suffixes = SortedLongestFirst(
    [
        "股份有限公司", "有限责任公司", "有限公司", "集团公司", "控股集团", "集团", "公司", "银行", "分行", "支行", "医院", "大学", "学院",
        "科学院", "工程院", "研究院", "研究所", "研究中心", "实验室", "委员会", "管理局", "监督管理局", "局", "中心", "学校", "中学", "小学",
        "事务所", "协会", "学会", "联合会", "商会", "基金会", "交易所", "法院", "检察院", "出版社", "合作社", "人民政府", "政府",
    ]);

    /// <summary>Names that are organisations by themselves (ministries of the State Council); a prefix is optional.</summary>
    public static readonly string[] StandaloneNames = SortedLongestFirst(
    [
        "外交部", "国防部", "教育部", "科学技术部", "科技部", "工业和信息化部", "公安部", "民政部", "司法部", "财政部",
        "人力资源和社会保障部", "自然资源部", "生态环境部", "住房和城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部",
        "文化和旅游部", "退役军人事务部", "应急管理部", "国家安全部", "国务院",
    ]);

    /// <summary>Phrases inside official names that hold 和, which otherwise stops a name (发展和改革委员会).</summary>
    public static readonly string[] PhrasesWithAnd =
    [
        "发展和改革", "住房和城乡建设", "人力资源和社会保障", "工业和信息化", "文化和旅游", "自然资源和规划", "科学技术和信息化",
    ];

    /// <summary>Words that end with a suffix but name no organisation (格局, 市中心).</summary>
    public static readonly FrozenSet<string> NotOrganizations = FrozenSet.Create(
        StringComparer.Ordinal,
        "格局", "布局", "结局", "全局", "大局", "时局", "开局", "残局", "骗局", "当局", "政局", "僵局", "战局", "饭局", "赌局", "棋局",
        "终局", "定局", "变局", "出局", "入局", "破局", "设局", "对局", "新格局", "市中心", "城中心", "镇中心", "正中心", "圆中心",
        "重中心", "子公司", "分公司", "母公司", "总公司", "本公司", "该公司", "我公司", "贵公司");

    /// <summary>Words that end a name on its left: prepositions, conjunctions, determiners, verbs of reporting and acting.</summary>
    public static readonly FrozenSet<string> Stops = FrozenSet.Create(
        StringComparer.Ordinal,
        // 人为 is how the segmenter reads the end of 采购人为 / 中标人为 / 招标人为 ("the purchaser is …").
        "人为",
        "由", "与", "和", "为", "向", "在", "是", "的", "及", "于", "对", "从", "把", "被", "将", "给", "跟", "同", "让", "使", "据", "经",
        "以", "至", "到", "或", "等", "并", "且", "了", "着", "过", "也", "都", "还", "又", "就", "而", "但", "即", "如", "若", "这", "那",
        "该", "本", "其", "各", "每", "某", "此", "我", "你", "他", "她", "它", "贵", "年", "月", "日", "号", "个", "家", "位", "名", "获",
        "称", "说", "自", "请", "前", "后", "上", "下", "均", "共", "约", "近", "有", "无", "已", "会", "要", "可", "能", "新",
        "以及", "或者", "并且", "而且", "还有", "包括", "其中", "通过", "根据", "依托", "依据", "基于", "联合", "携手", "联手", "委托",
        "中标", "签约", "签署", "牵头", "主办", "承办", "发起", "成立", "宣布", "发布", "推出", "承建", "表示", "指出", "认为", "获得",
        "荣获", "来自", "作为", "位于", "属于", "隶属", "旗下", "负责", "提供", "选择", "采用", "使用", "部署", "上线", "参与", "召开",
        "举办", "完成", "实现", "支持", "面向", "针对", "关于", "对于", "由于", "因为", "已经", "正在", "目前", "近日", "日前", "此前",
        "同时", "此外", "另外", "记者", "报道", "消息", "今年", "去年", "明年", "我们", "你们", "他们", "这家", "那家", "一家", "多家",
        "两家", "各家", "这个", "那个", "一个", "本次", "此次", "其他", "其它", "以下", "以上", "如下", "分别", "共同", "获批", "批准",
        "授予", "入选", "当选", "担任", "就职", "任职", "毕业", "就读", "加入", "创办", "创立", "创建", "组建", "设立", "建立", "收购",
        "并购", "入股", "截至", "其次", "首先", "最后", "例如", "比如", "一是", "二是", "三是", "以来", "期间", "今后", "目标", "该行", "本行", "我行", "该院", "本院", "我院", "该校",
        "本校", "我校", "该所", "该局", "该中心", "该集团", "该企业", "年度", "季度", "年底", "年初", "年末", "月份", "上半年",
        "下半年", "全年", "当年", "今天", "昨天");

    /// <summary>
    /// Words the dictionary tags as verbs that do occur inside names (腾讯控股, 创新工场, 国家超级计算深圳中心, 出版社); other
    /// verbs, like prepositions, conjunctions, pronouns and adverbs, end a name on its left.
    /// </summary>
    public static readonly FrozenSet<string> VerbsInNames = FrozenSet.Create(
        StringComparer.Ordinal,
        "互联", "促进", "保护", "保障", "充电", "共享", "再生", "出版", "创新", "制造", "勘察", "回收", "孵化", "安装", "审计", "封装",
        "应用", "开发", "开放", "托管", "执法", "担保", "控制", "控股", "推广", "支付", "治理", "清算", "登记", "示范", "种植", "租赁",
        "结算", "维修", "节能", "计算", "认证", "调解", "转化", "鉴定", "集成", "预防", "验证", "研究", "设计", "检测", "监测", "检验",
        "咨询", "培训", "运输", "储备", "救助", "改革", "经营", "养殖", "加工", "印刷", "装饰", "评估", "规划", "发展", "投资", "建设");

    /// <summary>Words too generic to name an organisation on their own (科技公司, 数据中心, 人民医院).</summary>
    public static readonly FrozenSet<string> GenericWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "科技", "技术", "互联网", "网络", "信息", "数据", "数字", "智能", "人工智能", "软件", "上市", "投资", "保险", "控股", "咨询",
        "物流", "商业", "国有", "民营", "外资", "私营", "大型", "中小", "小型", "中型", "知名", "领先", "头部", "龙头", "主要", "相关",
        "合作", "金融", "服务", "管理", "发展", "运营", "研究", "研发", "创新", "城市", "地方", "当地", "本地", "海外", "外国", "国外",
        "全国", "各地", "国内", "老", "大", "小", "子", "分", "母", "总", "独角兽", "初创", "创业", "科研", "医疗", "制造", "工业",
        "电商", "平台", "第三方", "客服", "指挥", "调度", "控制", "培训", "计算", "交易", "结算", "呼叫", "工程", "设计", "营销", "销售",
        "财务", "行政", "人力", "资源", "文化", "教育", "卫生", "体育", "能源", "环保", "建设", "建筑", "汽车", "电子", "通信", "医药",
        "生物", "化工", "科学", "综合", "专业", "职业", "重点", "国家级", "省级", "市级", "区级", "县级", "各级", "多个", "多所", "一批",
        "ai", "it", "云", "云计算", "大数据", "算力", "超算", "智算", "模型", "大模型", "国家", "人民", "实验", "商业银行", "中心",
        "公司", "企业", "集团", "区域", "地区", "基层", "社区", "乡镇", "农村", "公立", "私立", "民办", "附属", "第一", "第二", "第三");

    private static string[] SortedLongestFirst(string[] words) =>
        [.. words.Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];
}

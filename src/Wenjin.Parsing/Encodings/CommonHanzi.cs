namespace Wenjin.Parsing.Encodings;

/// <summary>
/// The most frequent Chinese characters in Simplified and Traditional script. A correct decoding of Chinese text is
/// dominated by these; mojibake from the wrong code page produces rare characters instead.
/// </summary>
internal static class CommonHanzi
{
    private const string Simplified =
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经" +
        "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相" +
        "全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果" +
        "料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则" +
        "任取据处府研务服规划银行金融风险报告务费市场企投保障改革创技术标准";

    private const string Traditional =
        "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經" +
        "十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相" +
        "全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果" +
        "料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則" +
        "任取據處府研務服規劃銀行金融風險報告費市場企投保障改革創技術標準";

    private static readonly HashSet<char> AllCommon = [.. Simplified, .. Traditional];

    public static bool Contains(char c) => AllCommon.Contains(c);
}

using Wenjin.Analysis;
using Wenjin.Hosting.Answering;

namespace Wenjin.Hosting.Tests.Answering;

public sealed class AnswerTypeMatcherTests
{
    [Theory]
    [InlineData(QuestionKind.Quantity, "千卡并行的有效算力达到92%。", 1.0)]
    [InlineData(QuestionKind.Quantity, "新增车站六座，线路全长十二公里。", 1.0)]
    [InlineData(QuestionKind.Quantity, "有效算力显著提高。", 0.0)]
    [InlineData(QuestionKind.Time, "智算中心于2024年3月15日正式投入运行。", 1.0)]
    [InlineData(QuestionKind.Time, "智算中心已经正式投入运行。", 0.0)]
    [InlineData(QuestionKind.Organization, "本办法由公司财务部负责解释。", 1.0)]
    [InlineData(QuestionKind.Organization, "员工应当按时提交申请。", 0.5)]
    [InlineData(QuestionKind.Reason, "由于通信库优化，效率提升。", 1.0)]
    [InlineData(QuestionKind.Other, "任意句子。", 0.5)]
    public void Match_TellsWhetherTheSentenceHasTheAskedForKind(QuestionKind kind, string sentence, double expected)
    {
        Assert.Equal(expected, AnswerTypeMatcher.Match(kind, sentence));
    }

    [Theory]
    [InlineData("超出标准的部分由员工个人承担。")]
    [InlineData("这项政策对社会影响很大。")]
    [InlineData("全部队伍已经出发。")]
    public void Match_DoesNotTakeCommonWordsForAnOrganisation(string sentence)
    {
        Assert.Equal(0.5, AnswerTypeMatcher.Match(QuestionKind.Organization, sentence));
    }

    [Theory]
    [InlineData("该项目由国家工业部牵头。")]
    [InlineData("本书由人民出版社出版。")]
    [InlineData("华为技术有限公司发布了新产品。")]
    public void Match_FindsOrganisationNames(string sentence)
    {
        Assert.Equal(1.0, AnswerTypeMatcher.Match(QuestionKind.Organization, sentence));
    }

    [Theory]
    [InlineData(QuestionKind.Quantity, true)]
    [InlineData(QuestionKind.Time, true)]
    [InlineData(QuestionKind.Person, false)]
    [InlineData(QuestionKind.Definition, false)]
    public void IsStrict_OnlyForNumbersAndDates(QuestionKind kind, bool expected)
    {
        Assert.Equal(expected, AnswerTypeMatcher.IsStrict(kind));
    }
}

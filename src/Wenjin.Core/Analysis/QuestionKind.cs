namespace Wenjin.Analysis;

/// <summary>What a question asks for; decides which sentences can answer it.</summary>
public enum QuestionKind
{
    /// <summary>No recognizable question form (a keyword query or a statement).</summary>
    Other,

    /// <summary>多少 / 几 / how many / how much: a number, usually with a unit.</summary>
    Quantity,

    /// <summary>谁 / 哪位 / who: a person.</summary>
    Person,

    /// <summary>哪家 / 哪个公司 / 什么机构: an organisation.</summary>
    Organization,

    /// <summary>何时 / 哪年 / 什么时候 / when: a date or time.</summary>
    Time,

    /// <summary>哪里 / 在哪 / where: a place.</summary>
    Place,

    /// <summary>哪些 / 有什么: a list.</summary>
    List,

    /// <summary>为什么 / 为何 / why: a reason.</summary>
    Reason,

    /// <summary>怎么 / 如何 / how: a method.</summary>
    Method,

    /// <summary>是否 / 吗 / 是不是: yes or no.</summary>
    YesNo,

    /// <summary>什么是 / 是什么 / what is: a definition or a named thing.</summary>
    Definition,
}

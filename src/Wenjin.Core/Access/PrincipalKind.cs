namespace Wenjin.Access;

/// <summary>Who a knowledge-base grant is given to.</summary>
public enum PrincipalKind
{
    User,
    Group,
}

using System.Linq.Expressions;

namespace SscPortal.Web.Search;

/// <summary>
/// Writing one query expression inside another (a score and a card projection in one select, a condition or'ed with
/// others): EF Core translates only expression trees, so a lambda is "called" by putting its body where it is used.
/// </summary>
public static class Expressions
{
    /// <summary>The body of <paramref name="lambda"/> with its one parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Apply(LambdaExpression lambda, Expression argument) =>
        new Replace(lambda.Parameters[0], argument).Visit(lambda.Body);

    /// <summary><c>x =&gt; a(x) || b(x) || …</c></summary>
    public static Expression<Func<T, bool>> AnyOf<T>(IEnumerable<Expression<Func<T, bool>>> conditions)
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = conditions.Select(c => Apply(c, parameter)).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

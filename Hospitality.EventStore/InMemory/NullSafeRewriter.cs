using System.Linq.Expressions;
using Hospitality.EventStore.Querying;

namespace Hospitality.EventStore.InMemory;

/// <summary>
/// Makes LINQ to objects read a query the way SQL does: a null along a member chain yields a default value
/// instead of a NullReferenceException (<c>x.Address.City == "Paris"</c> is false when Address is null).
/// It also undoes C# 14's span-based <c>array.Contains</c>, which the expression compiler cannot run.
/// </summary>
internal sealed class NullSafeRewriter : ExpressionVisitor
{
    public static LambdaExpression Rewrite(LambdaExpression lambda) =>
        Expression.Lambda(new NullSafeRewriter().Visit(lambda.Body), lambda.Parameters);

    protected override Expression VisitMember(MemberExpression node)
    {
        var owner = Visit(node.Expression);
        var access = node.Update(owner);
        return owner is null || owner is ParameterExpression || owner.Type.IsValueType ? access : Guard(owner, access);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(MemoryExtensions) && node.Method.Name == nameof(MemoryExtensions.Contains)
            && SqlTranslator.ContainsOperands(node) is var (array, item) && array.Type.IsArray)
        {
            return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [item.Type], Visit(array), Visit(item));
        }

        var target = Visit(node.Object);
        var call = node.Update(target, Visit(node.Arguments));
        return target is null || target is ParameterExpression || target.Type.IsValueType ? call : Guard(target, call);
    }

    private static Expression Guard(Expression owner, Expression access) =>
        Expression.Condition(Expression.Equal(owner, Expression.Constant(null, owner.Type)), Expression.Default(access.Type), access);
}

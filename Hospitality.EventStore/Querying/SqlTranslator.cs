using System.Collections;
using System.Linq.Expressions;
using System.Text.Json;
using Npgsql;

namespace Hospitality.EventStore.Querying;

/// <summary>
/// Translates the small LINQ subset documented on <see cref="IDocumentQuery{T}"/> into SQL over the
/// <c>d.data</c> jsonb column: one explicit case per supported shape, anything else is a
/// <see cref="NotSupportedException"/> naming the expression. Values become parameters, never SQL text.
/// </summary>
internal sealed class SqlTranslator(JsonSerializerOptions json)
{
    private readonly SqlValues _values = new(json);

    public List<NpgsqlParameter> Parameters => _values.Parameters;

    public string Predicate(LambdaExpression predicate) => Bool(predicate.Body);

    public string OrderKey(LambdaExpression key) => _values.Member(key.Body).Sql;

    private string Bool(Expression e)
    {
        if (!ParameterFinder.DependsOnParameter(e))
            return SqlValues.Evaluate(e) is true ? "TRUE" : "FALSE";
        return e switch
        {
            BinaryExpression { NodeType: ExpressionType.AndAlso } b => $"({Bool(b.Left)} AND {Bool(b.Right)})",
            BinaryExpression { NodeType: ExpressionType.OrElse } b => $"({Bool(b.Left)} OR {Bool(b.Right)})",
            UnaryExpression { NodeType: ExpressionType.Not } u => $"(NOT {Bool(u.Operand)})",
            BinaryExpression b when Operators.ContainsKey(b.NodeType) => Compare(b),
            // A missing or null bool member reads as false, as the deserialized object would have it.
            MemberExpression m when m.Type == typeof(bool) => $"COALESCE({_values.Member(m).Sql}, FALSE)",
            MethodCallExpression call => Call(call),
            _ => throw Unsupported(e),
        };
    }

    private static readonly Dictionary<ExpressionType, (string Sql, ExpressionType Mirror)> Operators = new()
    {
        [ExpressionType.Equal] = ("=", ExpressionType.Equal),
        [ExpressionType.NotEqual] = ("<>", ExpressionType.NotEqual),
        [ExpressionType.LessThan] = ("<", ExpressionType.GreaterThan),
        [ExpressionType.LessThanOrEqual] = ("<=", ExpressionType.GreaterThanOrEqual),
        [ExpressionType.GreaterThan] = (">", ExpressionType.LessThan),
        [ExpressionType.GreaterThanOrEqual] = (">=", ExpressionType.LessThanOrEqual),
    };

    private string Compare(BinaryExpression b)
    {
        var (left, right, op) = (b.Left, b.Right, b.NodeType);
        if (!ParameterFinder.DependsOnParameter(left))
            (left, right, op) = (right, left, Operators[op].Mirror);

        if (!ParameterFinder.DependsOnParameter(right) && SqlValues.Evaluate(right) is null)
        {
            // C# semantics: only == and != mean something against null; lifted < and > are false. No cast is
            // needed to test for null, so this works for nested objects too.
            var text = _values.MemberText(left);
            return op switch
            {
                ExpressionType.Equal => $"({text} IS NULL)",
                ExpressionType.NotEqual => $"({text} IS NOT NULL)",
                _ => "FALSE",
            };
        }

        var member = _values.Member(left);
        string other;
        if (ParameterFinder.DependsOnParameter(right))
        {
            other = _values.Member(right).Sql;
        }
        else
        {
            other = _values.Parameter(SqlValues.Evaluate(right)!, member.Type);
        }
        // C# equality treats null as a value (null != "a", and two null members are equal) where SQL would say
        // null; DISTINCT FROM gives the C# answer.
        return op switch
        {
            ExpressionType.NotEqual => $"({member.Sql} IS DISTINCT FROM {other})",
            ExpressionType.Equal when ParameterFinder.DependsOnParameter(right) => $"({member.Sql} IS NOT DISTINCT FROM {other})",
            _ => $"({member.Sql} {Operators[op].Sql} {other})",
        };
    }

    private string Call(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType == typeof(string) && call.Object is not null && call.Arguments.Count == 1
            && call.Arguments[0].Type == typeof(string) && !ParameterFinder.DependsOnParameter(call.Arguments[0]))
        {
            var text = SqlValues.Evaluate(call.Arguments[0]) as string ?? throw Unsupported(call);
            var escaped = text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
            var pattern = method.Name switch
            {
                nameof(string.StartsWith) => escaped + "%",
                nameof(string.EndsWith) => "%" + escaped,
                nameof(string.Contains) => "%" + escaped + "%",
                _ => throw Unsupported(call),
            };
            return $"({_values.Member(call.Object).Sql} LIKE {_values.Parameter(pattern, typeof(string))})";
        }

        if (method.Name == nameof(Enumerable.Contains))
        {
            var (collection, item) = ContainsOperands(call) ?? throw Unsupported(call);

            if (!ParameterFinder.DependsOnParameter(collection) && ParameterFinder.DependsOnParameter(item))
                return In(_values.Member(item), (IEnumerable?)SqlValues.Evaluate(collection));
            if (ParameterFinder.DependsOnParameter(collection) && !ParameterFinder.DependsOnParameter(item))
                return $"({_values.JsonMember(collection)} @> {_values.JsonArrayOf(SqlValues.Evaluate(item))})";
        }
        throw Unsupported(call);
    }

    private string In((string Sql, Type Type) member, IEnumerable? values)
    {
        var items = values?.Cast<object?>().ToList() ?? [];
        var sql = $"({member.Sql} = ANY({_values.ArrayParameter(items.OfType<object>(), member.Type)}))";
        return items.Contains(null) ? $"({sql} OR {member.Sql} IS NULL)" : sql;
    }

    /// <summary>
    /// The collection and item of a Contains call: <c>list.Contains(x)</c>, <c>Enumerable.Contains(list, x)</c>, or
    /// C# 14's <c>MemoryExtensions.Contains(span, x[, comparer: null])</c>.
    /// </summary>
    internal static (Expression Collection, Expression Item)? ContainsOperands(MethodCallExpression call) => call switch
    {
        { Object: { } target, Arguments.Count: 1 } => (target, call.Arguments[0]),
        { Object: null, Arguments.Count: 2 } => (Unspan(call.Arguments[0]) ?? call.Arguments[0], call.Arguments[1]),
        { Object: null, Arguments.Count: 3 } when call.Arguments[2] is ConstantExpression { Value: null } =>
            (Unspan(call.Arguments[0]) ?? call.Arguments[0], call.Arguments[1]),
        _ => null,
    };

    /// <summary>
    /// C# 14 binds <c>array.Contains(x)</c> inside expression trees to <c>MemoryExtensions.Contains(span, x)</c>;
    /// this finds the array behind the implicit span conversion, or returns null.
    /// </summary>
    internal static Expression? Unspan(Expression e) => e switch
    {
        MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } m when IsSpan(m.Type) => m.Arguments[0],
        UnaryExpression { NodeType: ExpressionType.Convert } u when IsSpan(u.Type) => u.Operand,
        _ => null,
    };

    private static bool IsSpan(Type type) => type.IsGenericType
        && (type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || type.GetGenericTypeDefinition() == typeof(Span<>));

    internal static NotSupportedException Unsupported(Expression e) => new(
        $"The document query cannot translate '{e}' ({e.NodeType}). Supported: member comparisons with ==, !=, <, <=, >, >=, " +
        "&&, ||, !, bool members, null checks, string StartsWith/EndsWith/Contains, list.Contains(x.Member) and x.ListMember.Contains(value).");

    /// <summary>Tells document-dependent parts of an expression from values that can be computed up front.</summary>
    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool _found;

        public static bool DependsOnParameter(Expression e)
        {
            var finder = new ParameterFinder();
            finder.Visit(e);
            return finder._found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }
    }
}

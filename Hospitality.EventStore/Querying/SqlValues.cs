using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Hospitality.EventStore.Querying;

/// <summary>
/// The typed side of translation: member paths into jsonb with a cast chosen by CLR type, and values turned
/// into parameters the way <see cref="JsonSerializerOptions"/> stores them (so an enum is matched as a string
/// when a string converter is configured, as a number otherwise).
/// </summary>
internal sealed class SqlValues(JsonSerializerOptions json)
{
    private enum SqlKind { Text, Numeric, Boolean, Uuid, Timestamp }

    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>A member chain on the document as a typed SQL expression, e.g. <c>((d.data #>> $1)::numeric)</c>.</summary>
    public (string Sql, Type Type) Member(Expression e)
    {
        var node = StripConvert(e);
        var path = Add(PathOf(node, e), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var text = $"(d.data #>> {path})";
        var sql = KindOf(node.Type) switch
        {
            SqlKind.Text => $"({text} COLLATE \"C\")",
            SqlKind.Numeric => $"({text}::numeric)",
            SqlKind.Boolean => $"({text}::boolean)",
            SqlKind.Uuid => $"({text}::uuid)",
            _ => $"({text}::timestamptz)",
        };
        return (sql, node.Type);
    }

    /// <summary>A member chain as text, uncast: enough to test for null whatever the member's type.</summary>
    public string MemberText(Expression e) =>
        $"(d.data #>> {Add(PathOf(StripConvert(e), e), NpgsqlDbType.Array | NpgsqlDbType.Text)})";

    /// <summary>A member chain as raw jsonb, for containment tests on list members.</summary>
    public string JsonMember(Expression e) =>
        $"(d.data #> {Add(PathOf(StripConvert(e), e), NpgsqlDbType.Array | NpgsqlDbType.Text)})";

    public string JsonArrayOf(object? item) =>
        Add("[" + JsonSerializer.Serialize(item, item?.GetType() ?? typeof(object), json) + "]", NpgsqlDbType.Jsonb);

    public string Parameter(object value, Type memberType)
    {
        var (converted, type) = ToDb(value, memberType);
        return Add(converted, type);
    }

    public string ArrayParameter(IEnumerable<object> values, Type memberType)
    {
        var converted = values.Select(v => ToDb(v, memberType)).ToList();
        var elementType = ToDb(Default(memberType), memberType).Type;
        Array array = elementType switch
        {
            NpgsqlDbType.Text => converted.Select(c => (string)c.Value).ToArray(),
            NpgsqlDbType.Numeric => converted.Select(c => (decimal)c.Value).ToArray(),
            NpgsqlDbType.Boolean => converted.Select(c => (bool)c.Value).ToArray(),
            NpgsqlDbType.Uuid => converted.Select(c => (Guid)c.Value).ToArray(),
            _ => converted.Select(c => (DateTimeOffset)c.Value).ToArray(),
        };
        return Add(array, NpgsqlDbType.Array | elementType);
    }

    /// <summary>Computes a part of the expression that does not depend on the document (constants, captured variables).</summary>
    public static object? Evaluate(Expression e) => e switch
    {
        ConstantExpression c => c.Value,
        MemberExpression { Member: FieldInfo f } m => f.GetValue(m.Expression is null ? null : Evaluate(m.Expression)),
        MemberExpression { Member: PropertyInfo p } m => p.GetValue(m.Expression is null ? null : Evaluate(m.Expression)),
        // Anything richer (a method call, arithmetic) is interpreted, not compiled: no code generation at run time.
        _ => Expression.Lambda(e).Compile(preferInterpretation: true).DynamicInvoke(),
    };

    private string Add(object value, NpgsqlDbType type)
    {
        var name = "@p" + Parameters.Count.ToString(CultureInfo.InvariantCulture);
        Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return name;
    }

    private string[] PathOf(Expression node, Expression whole)
    {
        var path = new List<string>();
        while (node is not ParameterExpression)
        {
            if (node is not MemberExpression { Expression: { } owner } member) throw SqlTranslator.Unsupported(whole);
            // list.Count or text.Length would read a JSON property that does not exist and silently match nothing.
            if (owner.Type == typeof(string) || typeof(System.Collections.IEnumerable).IsAssignableFrom(owner.Type))
                throw SqlTranslator.Unsupported(whole);
            // x.Optional.Value reads the same JSON value as x.Optional.
            if (!(member.Member.Name == "Value" && Nullable.GetUnderlyingType(owner.Type) is not null))
                path.Insert(0, JsonName(member.Member));
            node = StripConvert(owner);
        }
        return path.Count > 0 ? path.ToArray() : throw SqlTranslator.Unsupported(whole);
    }

    private string JsonName(MemberInfo member) =>
        member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? json.PropertyNamingPolicy?.ConvertName(member.Name)
        ?? member.Name;

    private SqlKind KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        // Enums follow the serializer: stored as strings they compare as text (so < and > are alphabetical, and
        // LINQ to objects would disagree); stored as numbers they compare numerically.
        if (type.IsEnum)
            return JsonSerializer.SerializeToElement(Default(type), type, json).ValueKind == JsonValueKind.String ? SqlKind.Text : SqlKind.Numeric;
        if (type == typeof(string) || type == typeof(char)) return SqlKind.Text;
        if (type == typeof(bool)) return SqlKind.Boolean;
        if (type == typeof(Guid)) return SqlKind.Uuid;
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return SqlKind.Timestamp;
        if (type.IsPrimitive || type == typeof(decimal)) return SqlKind.Numeric;
        throw new NotSupportedException($"Document members of type {type} cannot be compared in a query.");
    }

    private (object Value, NpgsqlDbType Type) ToDb(object value, Type memberType)
    {
        var type = Nullable.GetUnderlyingType(memberType) ?? memberType;
        if (type.IsEnum)
        {
            // An enum comparison arrives as Convert(x.Member, int) == 2; turn the number back into the enum first.
            var enumValue = value.GetType() == type ? value : Enum.ToObject(type, value);
            var element = JsonSerializer.SerializeToElement(enumValue, type, json);
            return element.ValueKind == JsonValueKind.String
                ? (element.GetString()!, NpgsqlDbType.Text)
                : (element.GetDecimal(), NpgsqlDbType.Numeric);
        }
        return KindOf(type) switch
        {
            SqlKind.Text => (Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text),
            SqlKind.Numeric => (Convert.ToDecimal(value, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric),
            SqlKind.Boolean => ((bool)value, NpgsqlDbType.Boolean),
            SqlKind.Uuid => ((Guid)value, NpgsqlDbType.Uuid),
            _ => (value switch
            {
                DateTimeOffset o => o.ToUniversalTime(),
                DateTime { Kind: DateTimeKind.Unspecified } d => new DateTimeOffset(d, TimeSpan.Zero),
                DateTime d => new DateTimeOffset(d.ToUniversalTime()),
                _ => throw new NotSupportedException($"{value.GetType()} cannot be compared with a {type} member."),
            }, NpgsqlDbType.TimestampTz),
        };
    }

    private static object Default(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "";
        if (type.IsEnum) return Enum.GetValues(type) is { Length: > 0 } values ? values.GetValue(0)! : Activator.CreateInstance(type)!;
        return Activator.CreateInstance(type)!;
    }

    private static Expression StripConvert(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u) e = u.Operand;
        return e;
    }
}

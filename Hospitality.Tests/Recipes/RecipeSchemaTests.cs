using System.Text.Json;
using Hospitality.Domain;
using Hospitality.Domain.Recipes;

namespace Hospitality.Tests.Recipes;

/// <summary>The JSON Schema subset: each keyword accepts what fits and names the path and rule of what does not.</summary>
public class RecipeSchemaTests
{
    private static IReadOnlyList<string> Check(string schema, string instance)
    {
        using var document = JsonDocument.Parse(instance);
        return RecipeSchema.Parse(schema).Validate(document.RootElement);
    }

    [Theory]
    [InlineData("""{"type": "object"}""", "{}", "[]", "$: must be an object (found array)")]
    [InlineData("""{"type": "array"}""", "[1]", "{}", "$: must be an array (found object)")]
    [InlineData("""{"type": "string"}""", "\"a\"", "1", "$: must be a string (found integer)")]
    [InlineData("""{"type": "number"}""", "1.5", "\"1.5\"", "$: must be a number (found string)")]
    [InlineData("""{"type": "integer"}""", "2.0", "2.5", "$: must be an integer (found number)")]
    [InlineData("""{"type": "boolean"}""", "false", "null", "$: must be a boolean (found null)")]
    [InlineData("""{"type": ["string", "integer"]}""", "3", "true", "$: must be one of the types string, integer (found boolean)")]
    [InlineData("""{"enum": ["none", "steamed", 2]}""", "2", "\"foam\"", "$: must be one of \"none\", \"steamed\", 2")]
    [InlineData("""{"minimum": 1}""", "1", "0.5", "$: must be at least 1")]
    [InlineData("""{"maximum": 300}""", "300", "301", "$: must be at most 300")]
    [InlineData("""{"minLength": 2}""", "\"ab\"", "\"a\"", "$: must be at least 2 characters long")]
    [InlineData("""{"maxLength": 2}""", "\"né\"", "\"abc\"", "$: must be at most 2 characters long")]
    [InlineData("""{"minItems": 1}""", "[0]", "[]", "$: must have at least 1 item")]
    [InlineData("""{"maxItems": 1}""", "[0]", "[0, 1]", "$: must have at most 1 item")]
    [InlineData("""{"items": {"type": "integer"}}""", "[1, 2]", "[1, \"x\"]", "$[1]: must be an integer (found string)")]
    [InlineData("""{"required": ["name"]}""", """{"name": 1}""", "{}", "$.name: is required")]
    [InlineData("""{"properties": {"a": {"type": "integer"}}, "additionalProperties": false}""", """{"a": 1}""", """{"b": 1}""", "$.b: is not an allowed property here")]
    [InlineData("""{"properties": {"odd key": {"maximum": 1}}}""", """{"odd key": 1}""", """{"odd key": 2}""", "$['odd key']: must be at most 1")]
    public void Each_keyword_accepts_a_fitting_value_and_names_the_path_and_rule_of_one_that_does_not(string schema, string fits, string breaks, string violation)
    {
        Assert.Empty(Check(schema, fits));
        Assert.Equal([violation], Check(schema, breaks));
    }

    [Fact]
    public void Nested_objects_and_arrays_report_the_full_path_of_every_violation()
    {
        var schema = """
            {"type": "object", "properties": {
               "milk": {"type": "object", "properties": {"ml": {"type": "integer", "maximum": 300}, "type": {"enum": ["none", "steamed", "foam"]}}, "required": ["type"]},
               "materials": {"type": "array", "items": {"type": "object", "required": ["code", "amount"], "properties": {"amount": {"minimum": 0}}}}}}
            """;
        var violations = Check(schema, """{"milk": {"ml": 301}, "materials": [{"code": "MILK", "amount": 1}, {"code": "BEANS", "amount": -2}, {"amount": 1}]}""");
        Assert.Equal(["$.milk.type: is required", "$.milk.ml: must be at most 300", "$.materials[1].amount: must be at least 0", "$.materials[2].code: is required"], violations);
    }

    [Fact]
    public void Additional_properties_are_allowed_unless_the_schema_says_false()
    {
        Assert.Empty(Check("""{"properties": {"a": {}}}""", """{"b": 1}"""));
        Assert.Empty(Check("""{"properties": {"a": {}}, "additionalProperties": true}""", """{"b": 1}"""));
    }

    [Theory]
    [InlineData("""{"type": "object", "oneOf": [{}]}""", "$.oneOf: the keyword 'oneOf' is not supported")]
    [InlineData("""{"properties": {"milk": {"properties": {"ml": {"exclusiveMaximum": 300}}}}}""", "$.properties.milk.properties.ml.exclusiveMaximum: the keyword 'exclusiveMaximum' is not supported")]
    [InlineData("""{"items": {"$ref": "#/$defs/x"}}""", "$.items.$ref: the keyword '$ref' is not supported")]
    [InlineData("""{"pattern": "^a"}""", "$.pattern: the keyword 'pattern' is not supported")]
    [InlineData("""{"additionalProperties": {"type": "string"}}""", "$.additionalProperties: only true or false is supported")]
    [InlineData("""{"type": "null"}""", "$.type: the type 'null' is not supported")]
    [InlineData("""{"minLength": -1}""", "$.minLength: must be a whole number, 0 or more")]
    [InlineData("""{"enum": []}""", "$.enum: must be a non-empty list of values")]
    [InlineData("""{"$schema": "http://json-schema.org/draft-07/schema#"}""", "$.$schema: only draft 2020-12 is supported")]
    [InlineData("[]", "$: a schema must be a JSON object")]
    [InlineData("{\"type\": ", "not valid JSON")]
    public void A_schema_using_what_the_subset_lacks_is_refused_naming_where_never_ignored(string schema, string message)
    {
        var refused = Assert.Throws<DomainException>(() => RecipeSchema.Parse(schema));
        Assert.Equal(DomainErrorKind.Invalid, refused.Kind);
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void Annotations_and_the_2020_12_dialect_are_accepted_and_change_nothing()
    {
        var schema = """{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "t", "description": "d", "$comment": "c", "default": 1, "examples": [1], "type": "integer"}""";
        Assert.Empty(Check(schema, "5"));
        Assert.Single(Check(schema, "\"5\""));
    }

    [Fact]
    public void A_value_of_the_wrong_type_reports_only_the_type_and_reports_are_capped()
    {
        Assert.Equal(["$: must be an integer (found string)"], Check("""{"type": "integer", "minLength": 5}""", "\"ab\""));
        var many = Check("""{"type": "array", "items": {"type": "integer"}}""", "[" + string.Join(",", Enumerable.Repeat("\"x\"", 50)) + "]");
        Assert.Equal(RecipeSchemaValidation.MaxViolations, many.Count);
    }

    [Fact]
    public void The_demo_espresso_schema_is_usable_and_refuses_too_much_milk()
    {
        var violations = Check(Hospitality.Web.Demo.RecipeDemo.EspressoSchema,
            """{"name": "Latte", "shots": 4, "water_ml": 30, "milk": {"type": "foam", "ml": 301}, "temperature_c": 93, "grind": 3}""");
        Assert.Equal(["$.shots: must be at most 3", "$.milk.ml: must be at most 300"], violations);
    }
}

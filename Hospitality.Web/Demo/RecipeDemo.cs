using Hospitality.Domain.Common;
using Hospitality.Domain.Recipes;
using MediatR;

namespace Hospitality.Web.Demo;

/// <summary>
/// Recipe schemas for the demo's machine models (the EX-200 espresso machine and the FB-10 filter brewer), a few
/// recipes that fit them and a first package per model, ready to deploy once machines are registered.
/// </summary>
public static class RecipeDemo
{
    public const string Espresso = "EX-200", FilterBrewer = "FB-10";

    /// <summary>An espresso recipe: shots, water, milk, brewing temperature, grind and the materials it draws (codes of the dictionary).</summary>
    public const string EspressoSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "EX-200 espresso recipe",
          "type": "object",
          "required": ["name", "shots", "water_ml", "temperature_c", "grind"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 40 },
            "shots": { "type": "integer", "minimum": 1, "maximum": 3 },
            "water_ml": { "type": "integer", "minimum": 20, "maximum": 300 },
            "milk": {
              "type": "object",
              "required": ["type"],
              "additionalProperties": false,
              "properties": {
                "type": { "enum": ["none", "steamed", "foam"] },
                "ml": { "type": "integer", "minimum": 0, "maximum": 300 }
              }
            },
            "temperature_c": { "type": "number", "minimum": 85, "maximum": 96 },
            "grind": { "type": "integer", "minimum": 1, "maximum": 10 },
            "materials": {
              "type": "array",
              "maxItems": 8,
              "items": {
                "type": "object",
                "required": ["code", "amount"],
                "additionalProperties": false,
                "properties": {
                  "code": { "type": "string", "minLength": 1, "maxLength": 32 },
                  "amount": { "type": "number", "minimum": 0, "maximum": 1000 }
                }
              }
            }
          }
        }
        """;

    public const string FilterSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "FB-10 filter coffee recipe",
          "type": "object",
          "required": ["name", "coffee_g", "water_ml"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 40 },
            "coffee_g": { "type": "integer", "minimum": 5, "maximum": 120 },
            "water_ml": { "type": "integer", "minimum": 100, "maximum": 2000 },
            "bloom_s": { "type": "integer", "minimum": 0, "maximum": 90 },
            "temperature_c": { "type": "number", "minimum": 88, "maximum": 96 }
          }
        }
        """;

    public static async Task SeedAsync(IMediator mediator, Actor actor)
    {
        await mediator.Send(new SetRecipeSchema(actor, Espresso, EspressoSchema, 0));
        await mediator.Send(new SetRecipeSchema(actor, FilterBrewer, FilterSchema, 0));
        var espresso = await mediator.Send(new CreateRecipe(actor, "Espresso", Espresso,
            """{"name": "Espresso", "shots": 1, "water_ml": 30, "temperature_c": 93, "grind": 3, "materials": [{"code": "BEANS-ESPRESSO", "amount": 9}]}"""));
        var flatWhite = await mediator.Send(new CreateRecipe(actor, "Flat white", Espresso,
            """{"name": "Flat white", "shots": 2, "water_ml": 60, "milk": {"type": "steamed", "ml": 120}, "temperature_c": 93, "grind": 3, "materials": [{"code": "BEANS-ESPRESSO", "amount": 18}, {"code": "MILK-WHOLE", "amount": 120}]}"""));
        var cappuccino = await mediator.Send(new CreateRecipe(actor, "Cappuccino", Espresso,
            """{"name": "Cappuccino", "shots": 1, "water_ml": 30, "milk": {"type": "foam", "ml": 150}, "temperature_c": 92, "grind": 4, "materials": [{"code": "BEANS-ESPRESSO", "amount": 9}, {"code": "MILK-WHOLE", "amount": 150}]}"""));
        var batchBrew = await mediator.Send(new CreateRecipe(actor, "Batch brew", FilterBrewer,
            """{"name": "Batch brew", "coffee_g": 60, "water_ml": 1000, "bloom_s": 40, "temperature_c": 94}"""));
        await mediator.Send(new PublishRecipePackage(actor, "House espresso menu", Espresso, [espresso.Id, flatWhite.Id, cappuccino.Id], "The first menu."));
        await mediator.Send(new PublishRecipePackage(actor, "Filter bar", FilterBrewer, [batchBrew.Id]));
    }
}

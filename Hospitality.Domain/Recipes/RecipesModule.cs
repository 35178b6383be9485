using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Recipes;

/// <summary>
/// What recipes register with the store and the container. Explicit, no scanning. The host adds
/// <see cref="RecipeInstallWatch"/> to the store's listeners; <see cref="RecipeInstallSweep"/> joins the fleet sweep.
/// </summary>
public static class RecipesModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<RecipeSchemaSet>().Add<RecipeCreated>().Add<RecipeChanged>().Add<RecipeDeleted>().Add<RecipePackagePublished>();
        options.Schema.For<ModelRecipeSchema>(s => s.Id).For<Recipe>(r => r.Id).For<RecipePackage>(p => p.Id)
            .For<RecipeDeployment>(d => d.Id).For<InstalledRecipes>(i => i.Id);
        options.Projections.InlineSnapshot<ModelRecipeSchema>("recipe_schemas", (state, e) => ModelRecipeSchema.Fold(state, e.Data, e.Version), typeof(RecipeSchemaSet));
        options.Projections.InlineSnapshot<Recipe>("recipes", (state, e) => Recipe.Fold(state, e.Data, e.Version),
            typeof(RecipeCreated), typeof(RecipeChanged), typeof(RecipeDeleted));
        options.Projections.InlineSnapshot<RecipePackage>("recipe_packages", (state, e) => RecipePackage.Fold(state, e.Data, e.Version), typeof(RecipePackagePublished));
    }

    public static IServiceCollection AddRecipes(this IServiceCollection services)
    {
        services.AddSingleton<RecipeInstallWatch>();
        services.AddSingleton<Devices.ISweep, RecipeInstallSweep>();
        services.AddTransient<IRequestHandler<SetRecipeSchema, ModelRecipeSchema>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<GetRecipeSchema, ModelRecipeSchema>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<ListRecipeSchemas, IReadOnlyList<ModelRecipeSchema>>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<CreateRecipe, Recipe>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<ChangeRecipe, Recipe>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<DeleteRecipe, Recipe>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<GetRecipe, Recipe>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<ListRecipes, IReadOnlyList<Recipe>>, RecipeHandlers>();
        services.AddTransient<IRequestHandler<PublishRecipePackage, RecipePackage>, PackageHandlers>();
        services.AddTransient<IRequestHandler<GetRecipePackage, RecipePackage>, PackageHandlers>();
        services.AddTransient<IRequestHandler<ListRecipePackages, IReadOnlyList<RecipePackage>>, PackageHandlers>();
        services.AddTransient<IRequestHandler<DeployRecipePackage, DeploymentProgress>, DeploymentHandlers>();
        services.AddTransient<IRequestHandler<RollbackDeployment, DeploymentProgress>, DeploymentHandlers>();
        services.AddTransient<IRequestHandler<RollbackDevice, DeploymentProgress>, DeploymentHandlers>();
        services.AddTransient<IRequestHandler<GetDeploymentProgress, DeploymentProgress>, DeploymentHandlers>();
        services.AddTransient<IRequestHandler<ListDeployments, IReadOnlyList<DeploymentProgress>>, DeploymentHandlers>();
        services.AddTransient<IRequestHandler<GetInstalledRecipes, MachineRecipes>, DeploymentHandlers>();
        return services;
    }
}

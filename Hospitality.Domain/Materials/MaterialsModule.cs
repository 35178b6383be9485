using Hospitality.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Domain.Materials;

/// <summary>What the material dictionary registers with the store and the container. Explicit, no scanning.</summary>
public static class MaterialsModule
{
    public static void Configure(StoreOptions options)
    {
        options.Events.Add<MaterialCreated>().Add<MaterialChanged>().Add<MaterialArchived>().Add<MaterialRestored>();
        options.Schema.For<Material>(m => m.Id);
        options.Projections.InlineSnapshot<Material>("materials", (state, e) => Material.Fold(state, e.Data, e.Version),
            typeof(MaterialCreated), typeof(MaterialChanged), typeof(MaterialArchived), typeof(MaterialRestored));
    }

    public static IServiceCollection AddMaterials(this IServiceCollection services)
    {
        services.AddTransient<IRequestHandler<CreateMaterial, Material>, MaterialCommandHandlers>();
        services.AddTransient<IRequestHandler<ChangeMaterial, Material>, MaterialCommandHandlers>();
        services.AddTransient<IRequestHandler<SetMaterialArchived, Material>, MaterialCommandHandlers>();
        services.AddTransient<IRequestHandler<ImportMaterials, MaterialImportReport>, ImportMaterialsHandler>();
        services.AddTransient<IRequestHandler<GetMaterial, Material>, MaterialQueries>();
        services.AddTransient<IRequestHandler<ListMaterials, MaterialList>, MaterialQueries>();
        return services;
    }
}

using System.Text;
using System.Text.Json.Serialization;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Materials;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.Web.Infrastructure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Materials;

/// <summary>The app's real domain and handlers over the in-memory store, for tests of the material commands and imports.</summary>
public abstract class InMemoryMaterials : IAsyncDisposable
{
    protected static readonly Actor Cloud = new("cloud", "Maya Manager"), Rival = new("rival", "Rita Rival");
    private readonly ServiceProvider _services;

    protected InMemoryMaterials()
    {
        var options = new StoreOptions();
        options.Json.Converters.Add(new JsonStringEnumConverter());
        DomainModules.Configure(options);
        Store = new InMemoryDocumentStore(options);
        _services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSingleton<IDocumentStore>(Store)
            .AddMediator().AddDomain().BuildServiceProvider();
    }

    protected IDocumentStore Store { get; }

    protected async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    protected Task<MaterialImportReport> ImportAsync(string csv, bool dryRun = false, Actor? actor = null) =>
        SendAsync(new ImportMaterials(actor ?? Cloud, Encoding.UTF8.GetBytes(csv), dryRun));

    protected async Task<IReadOnlyList<Material>> AllAsync(Actor? actor = null) =>
        (await SendAsync(new ListMaterials(actor ?? Cloud, null, null, IncludeArchived: true, 1, 200))).Items;

    /// <summary>Every event of every material stream of the tenant, to prove a refused row appended nothing.</summary>
    protected async Task<int> EventCountAsync(Actor? actor = null)
    {
        await using var session = Store.QuerySession((actor ?? Cloud).TenantId);
        var count = 0;
        foreach (var m in await AllAsync(actor)) count += (await session.Events.FetchStreamAsync(m.Id)).Count;
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

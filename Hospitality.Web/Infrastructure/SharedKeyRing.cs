using System.Xml.Linq;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Infrastructure;

/// <summary>A Data Protection key, kept in the store's system tenant so every web server shares the key ring.</summary>
public sealed record DataProtectionKey(string Id, string Xml);

/// <summary>
/// Every server must read the sign-in cookie and antiforgery tokens another server wrote, so the Data Protection
/// key ring lives in PostgreSQL with everything else (the Redis key-ring package needs StackExchange.Redis 2.x,
/// absent from our feed). With the in-memory store there is one server, and the default key ring is kept.
/// </summary>
public sealed class StoreXmlRepository(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // IXmlRepository is synchronous; called rarely (key ring refresh), off the request path.
        return Task.Run(async () =>
        {
            await using var session = store.QuerySession(TenancyStore.SystemTenant);
            var keys = await session.Query<DataProtectionKey>().ToListAsync();
            return keys.Select(k => XElement.Parse(k.Xml)).ToList();
        }).GetAwaiter().GetResult();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        Task.Run(async () =>
        {
            await using var session = store.LightweightSession(TenancyStore.SystemTenant);
            session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
            await session.SaveChangesAsync();
        }).GetAwaiter().GetResult();
    }
}

public static class SharedKeyRing
{
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName("Hospitality");
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"))) return services;
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new StoreXmlRepository(sp.GetRequiredService<IDocumentStore>())));
        return services;
    }

    public static void Register(StoreOptions options) => options.Schema.For<DataProtectionKey>(k => k.Id);
}

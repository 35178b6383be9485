using System.Text.Json.Serialization;
using Hospitality.Domain;
using Hospitality.Domain.Tenancy;
using Hospitality.Hubs.Customers;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Hospitality.EventStore.Postgres;
using Hospitality.Hubs.Sessions;
using Npgsql;

namespace Hospitality.Web.Infrastructure;

/// <summary>
/// Chooses the document and event store: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, otherwise the
/// in-memory embedded default. This is the seam where Marten would replace <c>Hospitality.EventStore</c>.
/// </summary>
public static class StoreSetup
{
    public static WebApplicationBuilder AddHospitalityStore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        var schema = builder.Configuration["Hospitality:SchemaName"] ?? "hospitality";

        services.AddSingleton(sp =>
        {
            var options = new StoreOptions { DatabaseSchemaName = schema, Clock = sp.GetRequiredService<TimeProvider>() };
            options.Json.Converters.Add(new JsonStringEnumConverter());
            DomainModules.Configure(options);
            SharedKeyRing.Register(options);
            IdempotencyMiddleware.Register(options);
            options.Listeners.Add(sp.GetRequiredService<SessionBoardPublisher>());
            options.Listeners.Add(sp.GetRequiredService<CustomerPublisher>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Hubs.Orders.OrderPublisher>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Hubs.GroupOrders.RoomPublisher>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Hubs.Devices.DevicePublisher>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Hubs.Devices.CommandPublisher>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Hubs.MachineOrders.MachineOrderPublisher>());
            options.Listeners.Add(sp.GetRequiredService<Metrics.EventAppendMetrics>());
            // Before the alarm publisher: alarms the watch raises are pushed by their own commits.
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Domain.Alarms.DeviceAlarmWatch>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Domain.RemoteCommands.CommandFailureAlarms>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Domain.Recipes.RecipeInstallWatch>());
            options.Listeners.Add(sp.GetRequiredService<Hospitality.Hubs.Alarms.AlarmPublisher>());
            return options;
        });
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton<IDocumentStore>(sp => new InMemoryDocumentStore(
                sp.GetRequiredService<StoreOptions>(), sp.GetRequiredService<ILogger<InMemoryDocumentStore>>()));
        }
        else
        {
            services.AddSingleton(_ => PostgresDocumentStore.CreateDataSource(connectionString));
            services.AddSingleton<IDocumentStore>(sp => new PostgresDocumentStore(sp.GetRequiredService<StoreOptions>(),
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILogger<PostgresDocumentStore>>()));
            services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        }
        // The publisher needs the store, and the store's options need the publisher: break the cycle lazily.
        services.AddSingleton(sp => new Lazy<IDocumentStore>(sp.GetRequiredService<IDocumentStore>));
        services.AddSingleton<SessionBoardPublisher>();
        services.AddSingleton<CustomerPublisher>();
        services.AddSingleton<Hospitality.Hubs.Orders.OrderPublisher>();
        services.AddSingleton<Hospitality.Hubs.Devices.DevicePublisher>();
        services.AddSingleton<Hospitality.Hubs.Devices.CommandPublisher>();
        services.AddSingleton<Hospitality.Hubs.Alarms.AlarmPublisher>();
        services.AddSingleton<Hospitality.Hubs.MachineOrders.MachineOrderPublisher>();
        services.AddSingleton<ProjectionDaemon>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionDaemon>());
        return builder;
    }

    /// <summary>Creates or upgrades the schema before the app serves anything.</summary>
    public static async Task InitializeStoreAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<IDocumentStore>().ApplyAllConfiguredChangesToDatabaseAsync();
}

using System.Text.Json.Serialization;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.Postgres;
using Npgsql;

namespace Hospitality.Bench.Store;

/// <summary>An event shaped like the session events (ids, a short text, a number, a time).</summary>
public sealed record CoalChecked(Guid SessionId, string Table, int Reading, DateTimeOffset At);

public static class BenchStores
{
    /// <summary>A store with only <see cref="CoalChecked"/> registered: append cost without projections.</summary>
    public static async Task<PostgresDocumentStore> PlainAsync(NpgsqlDataSource dataSource, string schema)
    {
        var options = new StoreOptions { DatabaseSchemaName = schema };
        options.Events.Add<CoalChecked>();
        return await ReadyAsync(options, dataSource, fresh: true);
    }

    /// <summary>The app's store configuration as Hospitality.Web's StoreSetup builds it (tenancy and sessions).</summary>
    public static StoreOptions AppOptions(string schema)
    {
        var options = new StoreOptions { DatabaseSchemaName = schema };
        options.Json.Converters.Add(new JsonStringEnumConverter());
        TenancyStore.Configure(options);
        SessionsModule.Configure(options);
        return options;
    }

    public static async Task<PostgresDocumentStore> ReadyAsync(StoreOptions options, NpgsqlDataSource dataSource, bool fresh)
    {
        if (fresh) await DropSchemaAsync(dataSource, options.DatabaseSchemaName);
        var store = new PostgresDocumentStore(options, dataSource);
        await store.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    public static async Task DropSchemaAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}

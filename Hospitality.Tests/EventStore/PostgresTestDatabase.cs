using Hospitality.Tests.Infrastructure;
using Hospitality.EventStore.Postgres;
using Npgsql;

namespace Hospitality.Tests.EventStore;

/// <summary>
/// The PostgreSQL the specs run against, from HOSPITALITY_TEST_POSTGRES (<see cref="TestEnvironment"/>). Missing configuration fails the
/// tests: a PostgreSQL spec that silently passes without a database would prove nothing.
/// </summary>
public static class PostgresTestDatabase
{
    // The store's own data source settings (automatic preparation), so the specification runs what production runs.
    private static readonly Lazy<NpgsqlDataSource> Shared = new(() => PostgresDocumentStore.CreateDataSource(TestEnvironment.Postgres));

    public static NpgsqlDataSource DataSource => Shared.Value;

    /// <summary>A schema name no other test or run uses.</summary>
    public static string NewSchemaName() => "spec_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task DropSchemaAsync(string schema)
    {
        await using var command = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

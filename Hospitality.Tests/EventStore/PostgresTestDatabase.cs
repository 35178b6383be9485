using Npgsql;

namespace Hospitality.Tests.EventStore;

/// <summary>
/// The PostgreSQL the specs run against, from HOSPITALITY_TEST_POSTGRES. Missing configuration fails the
/// tests: a PostgreSQL spec that silently passes without a database would prove nothing.
/// </summary>
public static class PostgresTestDatabase
{
    public const string Variable = "HOSPITALITY_TEST_POSTGRES";

    private static readonly Lazy<NpgsqlDataSource> Shared = new(() =>
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL specs cannot run. Start PostgreSQL with `.ci/services.sh up` " +
                "and `source` the env file it prints (or run ./test.sh), then run the tests again.");
        return NpgsqlDataSource.Create(connectionString);
    });

    public static NpgsqlDataSource DataSource => Shared.Value;

    /// <summary>A schema name no other test or run uses.</summary>
    public static string NewSchemaName() => "spec_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task DropSchemaAsync(string schema)
    {
        await using var command = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

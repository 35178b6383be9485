using Hospitality.EventStore.Postgres;

namespace Hospitality.Tests.EventStore;

/// <summary>A test class with its own PostgreSQL schema holding the sample store, created before and dropped after.</summary>
public abstract class PostgresSampleStoreTest : IAsyncLifetime
{
    protected string Schema { get; } = PostgresTestDatabase.NewSchemaName();
    protected PostgresDocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = SampleStore.Options();
        options.DatabaseSchemaName = Schema;
        Store = new PostgresDocumentStore(options, PostgresTestDatabase.DataSource);
        await Store.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await PostgresTestDatabase.DropSchemaAsync(Schema);
    }
}

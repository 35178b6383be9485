using Hospitality.EventStore;
using Hospitality.EventStore.Postgres;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.EventStore;

/// <summary>
/// The specification against PostgreSQL. Every store gets its own schema (dropped afterwards), so tests never
/// see each other's events and the global sequence starts at 1 in each.
/// </summary>
public sealed class PostgresDocumentStoreSpecs : DocumentStoreSpecification
{
    private readonly HashSet<string> _schemas = [];
    private readonly List<PostgresDocumentStore> _servers = [];

    protected override async Task<IDocumentStore> CreateStoreAsync(StoreOptions options, IDocumentStore? sameDataAs, bool applySchema)
    {
        options.DatabaseSchemaName = sameDataAs?.Options.DatabaseSchemaName ?? PostgresTestDatabase.NewSchemaName();
        // Another store on the same data plays another server: its own connection pool, as a second process has.
        var store = sameDataAs is null
            ? new PostgresDocumentStore(options, PostgresTestDatabase.DataSource)
            : new PostgresDocumentStore(options, TestEnvironment.Postgres);
        if (sameDataAs is not null) _servers.Add(store);
        _schemas.Add(options.DatabaseSchemaName);
        if (applySchema) await store.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var server in _servers) await server.DisposeAsync();
        foreach (var schema in _schemas) await PostgresTestDatabase.DropSchemaAsync(schema);
    }

    [Fact]
    public async Task Applying_the_schema_adds_columns_an_older_database_lacks()
    {
        var store = await NewStoreAsync();
        await using (var command = PostgresTestDatabase.DataSource.CreateCommand(
            $"ALTER TABLE \"{store.Options.DatabaseSchemaName}\".events DROP COLUMN correlation_id, DROP COLUMN user_name"))
            await command.ExecuteNonQueryAsync();

        await store.ApplyAllConfiguredChangesToDatabaseAsync();

        var id = Guid.NewGuid();
        await using var session = store.LightweightSession("t1");
        session.CorrelationId = "corr";
        session.LastModifiedBy = "user";
        session.Events.StartStream<Account>(id, new AccountOpened("ada"));
        await session.SaveChangesAsync();
        var stored = Assert.Single(await session.Events.FetchStreamAsync(id));
        Assert.Equal(("corr", "user"), (stored.CorrelationId, stored.UserName));
    }

    [Theory]
    [InlineData("Mixed")]
    [InlineData("semi;colon")]
    [InlineData("quote\"d")]
    [InlineData("")]
    public void A_schema_name_that_would_need_escaping_is_rejected(string name)
    {
        var options = SampleStore.Options();
        options.DatabaseSchemaName = name;
        var error = Assert.Throws<ArgumentException>(() => new PostgresDocumentStore(options, PostgresTestDatabase.DataSource));
        Assert.Contains("is not a usable schema name", error.Message);
    }
}

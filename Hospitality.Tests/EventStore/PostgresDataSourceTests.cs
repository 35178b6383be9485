using Hospitality.EventStore.Postgres;

namespace Hospitality.Tests.EventStore;

/// <summary>The store prepares its repeated statements unless the connection string says otherwise.</summary>
public sealed class PostgresDataSourceTests
{
    [Fact]
    public async Task A_connection_string_without_the_setting_gets_the_stores_automatic_preparation()
    {
        await using var source = PostgresDocumentStore.CreateDataSource("Host=127.0.0.1;Username=postgres");
        Assert.Contains($"Max Auto Prepare={PostgresDocumentStore.DefaultMaxAutoPrepare}", source.ConnectionString);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=postgres;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Username=postgres;MaxAutoPrepare=5", 5)]
    [InlineData("Host=127.0.0.1;Username=postgres;max auto prepare=7", 7)]
    public async Task A_connection_string_that_sets_it_keeps_its_own(string connectionString, int expected)
    {
        await using var source = PostgresDocumentStore.CreateDataSource(connectionString);
        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString).MaxAutoPrepare);
    }
}

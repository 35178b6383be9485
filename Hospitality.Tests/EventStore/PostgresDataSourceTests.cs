using Hospitality.EventStore.Postgres;

namespace Hospitality.Tests.EventStore;

/// <summary>The store prepares its repeated statements and skips pool resets unless the connection string says otherwise.</summary>
public sealed class PostgresDataSourceTests
{
    [Fact]
    public async Task A_connection_string_without_the_setting_gets_the_stores_automatic_preparation()
    {
        await using var source = PostgresDocumentStore.CreateDataSource("Host=127.0.0.1;Username=postgres");
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString);
        Assert.Equal(PostgresDocumentStore.DefaultMaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
    }

    [Fact]
    public async Task A_connection_string_that_asks_for_resets_keeps_them()
    {
        await using var source = PostgresDocumentStore.CreateDataSource("Host=127.0.0.1;Username=postgres;No Reset On Close=false");
        Assert.False(new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString).NoResetOnClose);
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

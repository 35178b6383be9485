using System.Text;
using System.Text.Json;
using Hospitality.EventStore.Querying;
using Hospitality.EventStore.Sessions;
using Npgsql;

namespace Hospitality.EventStore.Postgres;

/// <summary>
/// Reads of one tenant. Outside a commit each read borrows a pooled connection from the data source; inside a
/// commit (inline projections) it uses the committing transaction's connection, so it sees what that
/// transaction has written so far. Every statement filters on tenant_id.
/// </summary>
internal sealed class PostgresReader(PostgresContext context, string tenantId, NpgsqlConnection? transactionConnection = null)
    : IStoreReader
{
    private PostgresSchema Schema => context.Schema;

    public string TenantId => tenantId;

    public async Task<StoredDocument?> LoadAsync(DocumentMapping mapping, string id, CancellationToken ct) =>
        (await LoadManyAsync(mapping, [id], ct)).FirstOrDefault();

    public async Task<IReadOnlyList<StoredDocument>> LoadManyAsync(DocumentMapping mapping, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var command = Command(
            $"SELECT id, data::text, version, last_modified FROM {Schema.Documents} WHERE tenant_id = $1 AND type = $2 AND id = ANY($3)",
            PostgresContext.Text(tenantId), PostgresContext.Text(mapping.TypeName), PostgresContext.Value(ids.ToArray()));
        var found = new Dictionary<string, StoredDocument>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                found[reader.GetString(0)] = new StoredDocument(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3));
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(QueryModel query, CancellationToken ct) where T : class
    {
        var (sql, parameters) = Translate(query, "d.data::text");
        await using var command = Command(sql, parameters);
        var results = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            results.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), context.Options.Json)!);
        return results;
    }

    public async Task<int> CountAsync<T>(QueryModel query, CancellationToken ct) where T : class
    {
        var (sql, parameters) = Translate(query, "1");
        await using var command = Command($"SELECT count(*)::int FROM ({sql}) q", parameters);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long version, CancellationToken ct)
    {
        await using var command = Command(
            $"SELECT {PostgresContext.EventColumns} FROM {Schema.Events} WHERE tenant_id = $1 AND stream_id = $2 AND ($3 <= 0 OR version <= $3) ORDER BY version",
            PostgresContext.Text(tenantId), PostgresContext.Value(streamId), PostgresContext.Value(version));
        var events = new List<IEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(context.ReadEvent(reader));
        return events;
    }

    public async Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken ct)
    {
        await using var command = Command(
            $"SELECT version, type, created, timestamp FROM {Schema.Streams} WHERE tenant_id = $1 AND id = $2",
            PostgresContext.Text(tenantId), PostgresContext.Value(streamId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StreamState(streamId, tenantId, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3));
    }

    private (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) Translate(QueryModel query, string select)
    {
        var translator = new SqlTranslator(context.Options.Json);
        var sql = new StringBuilder($"SELECT {select} FROM {Schema.Documents} d WHERE d.tenant_id = @tenant AND d.type = @type");
        foreach (var predicate in query.Predicates)
            sql.Append(" AND ").Append(translator.Predicate(predicate));

        // Ascending puts nulls first and descending last, as LINQ to objects does; the id breaks ties the same
        // way in both implementations.
        var order = query.Orderings.Select(o => translator.OrderKey(o.Key) + (o.Descending ? " DESC NULLS LAST" : " ASC NULLS FIRST"));
        sql.Append(" ORDER BY ").Append(string.Join(", ", order.Append("d.id COLLATE \"C\"")));
        if (query.Skip is { } skip) sql.Append($" OFFSET {skip}");
        if (query.Take is { } take) sql.Append($" LIMIT {take}");

        List<NpgsqlParameter> parameters =
        [
            .. translator.Parameters,
            new NpgsqlParameter("tenant", tenantId),
            new NpgsqlParameter("type", query.Mapping.TypeName),
        ];
        return (sql.ToString(), parameters);
    }

    private NpgsqlCommand Command(string sql, params IReadOnlyList<NpgsqlParameter> parameters)
    {
        var command = transactionConnection is null
            ? context.DataSource.CreateCommand(sql)
            : new NpgsqlCommand(sql, transactionConnection);
        foreach (var p in parameters) command.Parameters.Add(p);
        return command;
    }
}

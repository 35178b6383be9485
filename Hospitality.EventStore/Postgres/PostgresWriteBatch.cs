using Hospitality.EventStore.Sessions;
using Npgsql;

namespace Hospitality.EventStore.Postgres;

/// <summary>
/// The second batch of a commit: event inserts (returning their global sequence), document writes with their
/// version checks, and projection progress. Every statement returns a row set so results line up one to one.
/// </summary>
internal sealed class PostgresWriteBatch(PostgresContext context, string tenantId, DateTimeOffset now)
{
    private readonly List<NpgsqlBatchCommand> _commands = [];
    private readonly List<Action<long?>> _handlers = [];
    private readonly List<(int Index, DocumentChange Change, long Expected)> _conflicts = [];
    private readonly List<long> _sequences = [];
    private PostgresSchema Schema => context.Schema;

    public void AddEvent(EventRecord e)
    {
        Add($"""
            INSERT INTO {Schema.Events} (id, stream_id, tenant_id, version, type, data, timestamp, correlation_id, causation_id, user_name)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq
            """,
            seq => _sequences.Add(seq!.Value),
            PostgresContext.Value(e.Id), PostgresContext.Value(e.StreamId), PostgresContext.Text(tenantId), PostgresContext.Value(e.Version),
            PostgresContext.Text(e.EventTypeName), PostgresContext.Jsonb(System.Text.Json.JsonSerializer.Serialize(e.Data, e.EventType, context.Options.Json)),
            PostgresContext.Value(e.Timestamp), PostgresContext.Text(e.CorrelationId), PostgresContext.Text(e.CausationId), PostgresContext.Text(e.UserName));
    }

    public void AddDocument(DocumentChange change)
    {
        NpgsqlParameter[] key = [PostgresContext.Text(tenantId), PostgresContext.Text(change.Mapping.TypeName), PostgresContext.Text(change.Id)];
        if (change.Kind == DocumentChangeKind.Delete)
        {
            Add($"DELETE FROM {Schema.Documents} WHERE tenant_id = $1 AND type = $2 AND id = $3 RETURNING 0::bigint", _ => { }, key);
            return;
        }

        NpgsqlParameter[] values = [.. key, PostgresContext.Jsonb(change.Json!), PostgresContext.Value(now)];
        switch (change.ExpectedVersion)
        {
            case null:
                Add($"""
                    INSERT INTO {Schema.Documents} AS d (tenant_id, type, id, data, version, last_modified) VALUES ($1, $2, $3, $4, 1, $5)
                    ON CONFLICT (tenant_id, type, id) DO UPDATE SET data = EXCLUDED.data, version = d.version + 1, last_modified = EXCLUDED.last_modified
                    RETURNING version
                    """, _ => { }, values);
                break;
            case 0:
                Add($"""
                    INSERT INTO {Schema.Documents} (tenant_id, type, id, data, version, last_modified) VALUES ($1, $2, $3, $4, 1, $5)
                    ON CONFLICT (tenant_id, type, id) DO NOTHING RETURNING version
                    """, _ => { }, values);
                Check(change, 0);
                break;
            case { } expected:
                Add($"""
                    UPDATE {Schema.Documents} SET data = $4, version = version + 1, last_modified = $5
                    WHERE tenant_id = $1 AND type = $2 AND id = $3 AND version = $6 RETURNING version
                    """, _ => { }, [.. values, PostgresContext.Value(expected)]);
                Check(change, expected);
                break;
        }
    }

    public void AddProgress(ProgressUpdate progress) => Add($"""
        INSERT INTO {Schema.Progress} AS p (name, last_seq) VALUES ($1, $2)
        ON CONFLICT (name) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_updated = now() RETURNING last_seq
        """, _ => { }, PostgresContext.Text(progress.Name), PostgresContext.Value(progress.LastSequence));

    /// <summary>Runs the batch; returns the sequences of the inserted events in the order they were added.</summary>
    public async Task<long[]> ExecuteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (_commands.Count == 0) return [];
        var results = new long?[_commands.Count];
        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var command in _commands) batch.BatchCommands.Add(command);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            for (var i = 0; i < _commands.Count; i++)
            {
                if (i > 0) await reader.NextResultAsync(ct);
                results[i] = await reader.ReadAsync(ct) ? reader.GetInt64(0) : null;
            }
        }
        foreach (var (result, i) in results.Select((r, i) => (r, i))) _handlers[i](result);
        foreach (var conflict in _conflicts.Where(c => results[c.Index] is null))
        {
            var actual = await PostgresCommit.ScalarAsync(connection,
                $"SELECT version FROM {Schema.Documents} WHERE tenant_id = $1 AND type = $2 AND id = $3", ct,
                PostgresContext.Text(tenantId), PostgresContext.Text(conflict.Change.Mapping.TypeName), PostgresContext.Text(conflict.Change.Id)) ?? 0;
            throw Conflicts.DocumentVersion(conflict.Change.Mapping, conflict.Change.Id, conflict.Expected, actual);
        }
        return _sequences.ToArray();
    }

    private void Check(DocumentChange change, long expected) => _conflicts.Add((_commands.Count - 1, change, expected));

    private void Add(string sql, Action<long?> handle, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        _commands.Add(command);
        _handlers.Add(handle);
    }
}

using Hospitality.EventStore.Sessions;
using Npgsql;

namespace Hospitality.EventStore.Postgres;

/// <summary>
/// One SaveChangesAsync in one transaction, in two batches. First the streams: every stream row is
/// inserted or moved to its new version (which also locks it), giving each event its version. Then inline
/// projections run against that transaction, and the events, documents and projection progress follow in the
/// second batch. Any version check that matches no row throws before the commit, so the rollback leaves nothing.
/// </summary>
internal sealed class PostgresCommit(PostgresContext context, DocumentSession session, DateTimeOffset now)
{
    private PostgresSchema Schema => context.Schema;
    private string Tenant => session.TenantId;

    public async Task RunAsync(CancellationToken ct)
    {
        var work = session.Work;
        await using var connection = await context.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await WriteStreamsAsync(connection, work.Streams, ct);
            await CommitSteps.RunInlineProjectionsAsync(context.Options, new PostgresReader(context, Tenant, connection), work, ct);
            var sequences = await WriteEventsAndDocumentsAsync(connection, work, ct);
            await tx.CommitAsync(ct);

            var events = work.Streams.SelectMany(s => s.Events).Cast<EventRecord>().ToList();
            for (var i = 0; i < events.Count; i++) events[i].Sequence = sequences[i];
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
        {
            throw new ConcurrencyException(
                $"A concurrent commit locked the same rows ({e.MessageText}); nothing of this session was written and it can be retried.",
                "stream", "", null, null);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The unique (tenant, stream, version) constraint backs the version checks against any writer that
            // slipped past them; to the caller it is the same conflict.
            throw new ConcurrencyException(
                $"A concurrent commit wrote the same {(e.ConstraintName == "events_stream_version" ? "stream version" : "row")} first " +
                $"(constraint {e.ConstraintName}); nothing of this session was written.",
                e.ConstraintName == "events_stream_version" ? "stream" : "document", e.ConstraintName ?? "", null, null);
        }
    }

    private async Task WriteStreamsAsync(NpgsqlConnection connection, IReadOnlyList<StreamAction> actions, CancellationToken ct)
    {
        if (actions.Count == 0) return;
        // Stream rows are locked in id order, so two sessions touching the same streams queue instead of
        // deadlocking. The sort is stable: actions on one stream keep their session order.
        var ordered = actions.OrderBy(a => a.Id).ToList();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var action in ordered)
            batch.BatchCommands.Add(StreamCommand(action));

        var versions = new long?[ordered.Count];
        await using (var reader = await batch.ExecuteReaderAsync(ct))
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i > 0) await reader.NextResultAsync(ct);
                versions[i] = await reader.ReadAsync(ct) ? reader.GetInt64(0) : null;
            }

        for (var i = 0; i < ordered.Count; i++)
        {
            var action = ordered[i];
            if (versions[i] is not { } version)
            {
                var actual = await ScalarAsync(connection, $"SELECT version FROM {Schema.Streams} WHERE tenant_id = $1 AND id = $2",
                    ct, PostgresContext.Text(Tenant), PostgresContext.Value(action.Id)) ?? 0;
                throw action.ActionType == StreamActionType.Start
                    ? Conflicts.StreamExists(action.Id, actual)
                    : Conflicts.StreamVersion(action.Id, action.ExpectedVersionOnServer ?? 0, actual);
            }
            action.Version = version;
            var next = version - action.Events.Count;
            foreach (var e in action.Events.Cast<EventRecord>()) e.Version = ++next;
        }
    }

    private NpgsqlBatchCommand StreamCommand(StreamAction action)
    {
        var isNew = action.ActionType == StreamActionType.Start || action.ExpectedVersionOnServer == 0;
        var count = PostgresContext.Value((long)action.Events.Count);
        var command = new NpgsqlBatchCommand();
        command.Parameters.Add(PostgresContext.Text(Tenant));
        command.Parameters.Add(PostgresContext.Value(action.Id));
        if (!isNew && action.ExpectedVersionOnServer is { } expected)
        {
            // Under READ COMMITTED a concurrent writer's update makes this re-check the version after it commits:
            // the loser matches no row instead of overwriting.
            command.CommandText = $"""
                UPDATE {Schema.Streams} SET version = version + $3, timestamp = $4
                WHERE tenant_id = $1 AND id = $2 AND version = $5
                RETURNING version
                """;
            command.Parameters.Add(count);
            command.Parameters.Add(PostgresContext.Value(now));
            command.Parameters.Add(PostgresContext.Value(expected));
            return command;
        }
        command.CommandText = isNew
            ? $"""
              INSERT INTO {Schema.Streams} (tenant_id, id, type, version, created, timestamp) VALUES ($1, $2, $3, $4, $5, $5)
              ON CONFLICT (tenant_id, id) DO NOTHING RETURNING version
              """
            : $"""
              INSERT INTO {Schema.Streams} AS s (tenant_id, id, type, version, created, timestamp) VALUES ($1, $2, $3, $4, $5, $5)
              ON CONFLICT (tenant_id, id) DO UPDATE SET version = s.version + EXCLUDED.version, timestamp = EXCLUDED.timestamp
              RETURNING version
              """;
        command.Parameters.Add(PostgresContext.Text(action.AggregateTypeName));
        command.Parameters.Add(count);
        command.Parameters.Add(PostgresContext.Value(now));
        return command;
    }

    private async Task<long[]> WriteEventsAndDocumentsAsync(NpgsqlConnection connection, UnitOfWork work, CancellationToken ct)
    {
        var writes = new PostgresWriteBatch(context, Tenant, now);
        foreach (var e in work.Streams.SelectMany(s => s.Events).Cast<EventRecord>()) writes.AddEvent(e);
        // Same reason as for streams: a stable order of row locks across sessions.
        foreach (var change in work.Documents.OrderBy(c => c.Mapping.TypeName, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal))
            writes.AddDocument(change);
        if (work.Progress is { } progress) writes.AddProgress(progress);
        return await writes.ExecuteAsync(connection, ct);
    }

    internal static async Task<long?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteScalarAsync(ct) is long value ? value : null;
    }
}

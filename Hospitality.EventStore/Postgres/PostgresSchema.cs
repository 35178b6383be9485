using System.Text.RegularExpressions;
using Npgsql;

namespace Hospitality.EventStore.Postgres;

/// <summary>
/// Table names of one store and the idempotent DDL that creates or upgrades them. The schema name is validated
/// and quoted because it is the one identifier that cannot be a parameter.
/// </summary>
internal sealed partial class PostgresSchema
{
    public PostgresSchema(string name)
    {
        if (!ValidName().IsMatch(name))
            throw new ArgumentException(
                $"'{name}' is not a usable schema name: use 1-63 lower-case letters, digits or underscores, starting with a letter or underscore.",
                nameof(name));
        Name = name;
        var quoted = $"\"{name}\"";
        Quoted = quoted;
        Streams = $"{quoted}.streams";
        Events = $"{quoted}.events";
        Documents = $"{quoted}.documents";
        Progress = $"{quoted}.progress";
    }

    public string Name { get; }
    public string Quoted { get; }
    public string Streams { get; }
    public string Events { get; }
    public string Documents { get; }
    public string Progress { get; }

    /// <summary>Key material for advisory locks, so two stores in different schemas never block each other.</summary>
    public string LockKey(string purpose) => $"event-store:{Name}:{purpose}";

    /// <summary>
    /// Creates or upgrades everything in one transaction. The advisory lock makes concurrent start-ups queue
    /// instead of racing: CREATE ... IF NOT EXISTS alone can still fail on a catalog unique violation.
    /// </summary>
    public async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = LockKey("schema") });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using (var ddl = new NpgsqlCommand(Ddl(), connection))
            await ddl.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private string Ddl() => $"""
        CREATE SCHEMA IF NOT EXISTS {Quoted};

        CREATE TABLE IF NOT EXISTS {Streams} (
            tenant_id text NOT NULL,
            id uuid NOT NULL,
            type text NULL,
            version bigint NOT NULL,
            created timestamptz NOT NULL,
            timestamp timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, id));

        -- The identity keeps its default cache of 1: sequence values must be handed out in increasing order
        -- across sessions, which the gap detection in PostgresEventFeed relies on.
        CREATE TABLE IF NOT EXISTS {Events} (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id uuid NOT NULL,
            stream_id uuid NOT NULL,
            tenant_id text NOT NULL,
            version bigint NOT NULL,
            type text NOT NULL,
            data jsonb NOT NULL,
            timestamp timestamptz NOT NULL,
            tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
            CONSTRAINT events_stream_version UNIQUE (tenant_id, stream_id, version));

        -- Columns added after a table first shipped go here, so existing databases are upgraded in place.
        ALTER TABLE {Events} ADD COLUMN IF NOT EXISTS correlation_id text NULL;
        ALTER TABLE {Events} ADD COLUMN IF NOT EXISTS causation_id text NULL;
        ALTER TABLE {Events} ADD COLUMN IF NOT EXISTS user_name text NULL;

        CREATE TABLE IF NOT EXISTS {Documents} (
            tenant_id text NOT NULL,
            type text NOT NULL,
            id text NOT NULL,
            data jsonb NOT NULL,
            version bigint NOT NULL,
            last_modified timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, type, id));

        CREATE TABLE IF NOT EXISTS {Progress} (
            name text PRIMARY KEY,
            last_seq bigint NOT NULL,
            last_updated timestamptz NOT NULL DEFAULT now());
        """;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ValidName();
}

using System.Text.Json;
using Hospitality.EventStore.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace Hospitality.EventStore.Postgres;

/// <summary>What every PostgreSQL part of a store shares: options, the one data source and the table names.</summary>
internal sealed record PostgresContext(StoreOptions Options, NpgsqlDataSource DataSource, PostgresSchema Schema)
{
    /// <summary>The event columns every event read selects, in the order <see cref="ReadEvent"/> expects.</summary>
    public const string EventColumns =
        "seq, id, stream_id, tenant_id, version, type, data::text, timestamp, correlation_id, causation_id, user_name";

    public IEvent ReadEvent(NpgsqlDataReader reader, int offset = 0)
    {
        var typeName = reader.GetString(offset + 5);
        var type = Options.Events.TypeOf(typeName);
        return new EventRecord
        {
            Sequence = reader.GetInt64(offset + 0),
            Id = reader.GetGuid(offset + 1),
            StreamId = reader.GetGuid(offset + 2),
            TenantId = reader.GetString(offset + 3),
            Version = reader.GetInt64(offset + 4),
            EventTypeName = typeName,
            EventType = type,
            Data = JsonSerializer.Deserialize(reader.GetString(offset + 6), type, Options.Json)!,
            Timestamp = reader.GetFieldValue<DateTimeOffset>(offset + 7),
            CorrelationId = reader.IsDBNull(offset + 8) ? null : reader.GetString(offset + 8),
            CausationId = reader.IsDBNull(offset + 9) ? null : reader.GetString(offset + 9),
            UserName = reader.IsDBNull(offset + 10) ? null : reader.GetString(offset + 10),
        };
    }

    public static NpgsqlParameter Value(object? value) => new() { Value = value ?? DBNull.Value };

    public static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter Jsonb(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };
}

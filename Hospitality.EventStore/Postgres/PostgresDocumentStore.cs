using Hospitality.EventStore.Projections;
using Hospitality.EventStore.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Hospitality.EventStore.Postgres;

/// <summary>
/// The store on PostgreSQL, through one <see cref="NpgsqlDataSource"/>. Tables live in
/// <see cref="StoreOptions.DatabaseSchemaName"/>; call <see cref="ApplyAllConfiguredChangesToDatabaseAsync"/>
/// at start-up. Every session reads and writes only rows of its own tenant.
/// </summary>
public sealed class PostgresDocumentStore : IDocumentStore, ISessionCommitter, IProjectionHost
{
    private readonly PostgresContext _context;
    private readonly PostgresEventFeed _feed;
    private readonly ILogger _logger;
    private readonly bool _ownsDataSource;

    /// <summary>Uses a data source owned by the caller (typically a DI singleton).</summary>
    public PostgresDocumentStore(StoreOptions options, NpgsqlDataSource dataSource, ILogger<PostgresDocumentStore>? logger = null)
    {
        Options = options;
        _context = new PostgresContext(options, dataSource, new PostgresSchema(options.DatabaseSchemaName));
        _feed = new PostgresEventFeed(_context);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Builds and owns a data source for <paramref name="connectionString"/>; disposing the store disposes it.</summary>
    public PostgresDocumentStore(StoreOptions options, string connectionString, ILogger<PostgresDocumentStore>? logger = null)
        : this(options, CreateDataSource(connectionString), logger) => _ownsDataSource = true;

    /// <summary>The store's own automatic statement preparation unless the connection string sets it.</summary>
    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// A data source for the store: the connection string as given, with two settings of the store's own unless the
    /// string sets them itself (bench/RESULTS.md has the measurements):
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c> <see cref="DefaultMaxAutoPrepare"/>: the store's statements are few and repeated
    /// (load by id, append, progress); unprepared, PostgreSQL plans each one again every time.</item>
    /// <item><c>No Reset On Close</c>: a session checks a connection out for each read and commit, and every checkout of a
    /// reset connection cost a round trip of session resets. The store keeps no session state on pooled connections:
    /// no SET, LISTEN or temporary tables, transactions end before return, and the one session-level advisory lock
    /// (projections) is released explicitly, or its connection closed.</item>
    /// </list>
    /// A server running while another one upgrades the schema may see one failed statement per prepared query whose
    /// result columns changed; Npgsql then prepares it again.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        // Npgsql's own builder says it "contains" every keyword it knows, set or not: look at what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (!written.Contains("NoResetOnClose")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }

    public StoreOptions Options { get; }

    public IDocumentSession LightweightSession(string tenantId) => new DocumentSession(Options, Reader(tenantId), this);

    public IQuerySession QuerySession(string tenantId) => new QuerySession(Options, Reader(tenantId));

    public Task ApplyAllConfiguredChangesToDatabaseAsync(CancellationToken ct = default) =>
        _context.Schema.ApplyAsync(_context.DataSource, ct);

    public Task<long> FetchHighWaterMarkAsync(CancellationToken ct = default) => _feed.HighWaterMarkAsync(ct);

    public Task<IReadOnlyList<IEvent>> ReadAllEventsAsync(long afterSequence, int maxCount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _feed.ReadAsync(afterSequence, maxCount, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource) await _context.DataSource.DisposeAsync();
    }

    async Task ISessionCommitter.CommitAsync(DocumentSession session, CancellationToken ct)
    {
        var now = Options.Clock.GetUtcNow();
        session.StampEvents(now);
        await new PostgresCommit(_context, session, now).RunAsync(ct);
        await CommitSteps.NotifyListenersAsync(Options, _logger, session.TenantId, session.Work.Streams.ToList(), session.MarkCommitted());
    }

    DocumentSession IProjectionHost.ProjectionSession(string tenantId) => (DocumentSession)LightweightSession(tenantId);

    async Task<long> IProjectionHost.LoadProgressAsync(string name, CancellationToken ct)
    {
        await using var command = _context.DataSource.CreateCommand($"SELECT last_seq FROM {_context.Schema.Progress} WHERE name = $1");
        command.Parameters.Add(PostgresContext.Text(name));
        return await command.ExecuteScalarAsync(ct) is long seq ? seq : 0;
    }

    /// <summary>
    /// A session-level advisory lock on a connection kept open while the daemon runs the projection: if the
    /// server dies, PostgreSQL drops the connection and the lock with it, and another server takes over.
    /// </summary>
    async Task<IAsyncDisposable?> IProjectionHost.TryLockProjectionAsync(string name, CancellationToken ct)
    {
        var connection = await _context.DataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection);
            command.Parameters.Add(PostgresContext.Text(_context.Schema.LockKey("projection:" + name)));
            if (await command.ExecuteScalarAsync(ct) is true)
                return new AdvisoryLock(connection, _context.Schema.LockKey("projection:" + name));
        }
        catch
        {
            // The lock may have been taken before the failure (a cancelled call): close the connection for real.
            NpgsqlConnection.ClearPool(connection);
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private PostgresReader Reader(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return new PostgresReader(_context, tenantId);
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            var released = false;
            try
            {
                // Explicit, because pooled connections are returned without a reset (CreateDataSource): one that went
                // back still holding the lock would stop the projection on every other server.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
                command.Parameters.Add(PostgresContext.Text(key));
                released = await command.ExecuteScalarAsync() is true;
            }
            finally
            {
                // Not released (the unlock failed or was refused): close it for real instead, and the lock goes with it.
                if (!released) NpgsqlConnection.ClearPool(connection);
                await connection.DisposeAsync();
            }
        }
    }
}

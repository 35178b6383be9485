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
    /// A data source for the store: the connection string as given, with automatic preparation of the statements a
    /// server runs most (<see cref="DefaultMaxAutoPrepare"/>) unless the string sets <c>Max Auto Prepare</c> itself.
    /// The store's statements are few and repeated (load by id, append, progress): unprepared, PostgreSQL plans each one
    /// again every time, which bench/RESULTS.md measured as most of its CPU per machine report and per room command.
    /// Pool resets keep prepared statements (Npgsql then resets without DEALLOCATE ALL) and still release advisory locks.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        // Npgsql's own builder says it "contains" every keyword it knows, set or not: look at what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!written.Keys.Cast<string>().Any(key => key.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
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
            try
            {
                // Explicit, because a pooled connection returned without a reset would keep the lock.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
                command.Parameters.Add(PostgresContext.Text(key));
                await command.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}

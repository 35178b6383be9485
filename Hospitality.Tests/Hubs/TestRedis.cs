using Hospitality.Hubs.Backplane;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hospitality.Tests.Hubs;

/// <summary>
/// The Redis the backplane tests run against. A missing server is a failure, never a silent pass: these
/// tests are the only evidence the backplane works across servers.
/// </summary>
internal static class TestRedis
{
    public static string ConnectionString => Hospitality.Tests.Infrastructure.TestEnvironment.Redis;

    /// <summary>What test servers send their hub clients when the backplane is back after an outage.</summary>
    public const string ResyncMethod = "BackplaneRestored";

    /// <summary>A channel prefix no other test (or test run sharing this Redis) uses.</summary>
    public static string UniquePrefix() => $"test-{Guid.NewGuid():N}";

    /// <summary>One "server"'s connection. Tests pass the same prefix to every server of one scenario.</summary>
    public static RedisBackplaneConnection Connect(string prefix, string? connectionString = null) =>
        new(Options.Create(new RedisBackplaneOptions
        {
            ConnectionString = connectionString ?? ConnectionString,
            ChannelPrefix = prefix,
            // Short, so "nobody owns this connection" tests stay quick; real servers ack in about a millisecond.
            GroupAckTimeout = TimeSpan.FromSeconds(1),
            ResyncMethodName = ResyncMethod,
        }), NullLogger<RedisBackplaneConnection>.Instance);
}

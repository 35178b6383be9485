namespace Hospitality.Hubs.Backplane;

/// <summary>
/// Awaits StackExchange.Redis 1.2.6 tasks without staying on its socket-reader thread. A continuation of
/// its tasks can run on that thread; any synchronous Redis call or Dispose made there (or simply slow
/// work such as writing to many connections) blocks the reader, and a sync call then hangs until
/// SyncTimeout. Every await on a Redis task in this project goes through these helpers.
/// </summary>
internal static class RedisAwait
{
    public static async Task OffReader(this Task redisTask)
    {
        try
        {
            await redisTask.ConfigureAwait(false);
        }
        finally
        {
            await Task.Yield();
        }
    }

    public static async Task<T> OffReader<T>(this Task<T> redisTask)
    {
        try
        {
            return await redisTask.ConfigureAwait(false);
        }
        finally
        {
            await Task.Yield();
        }
    }
}

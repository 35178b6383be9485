using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Devices;

/// <summary>
/// A ceiling per network address on machine calls (bearer tokens under <c>/api/v1/devices</c>), in front of each machine's
/// own window: the per-machine limit goes by the token presented, so without this a caller inventing tokens would get a
/// fresh window each time, every one costing a token lookup. High enough for a shop's whole fleet behind one router.
/// </summary>
public sealed class MachineAddressRateLimit
{
    public const string Section = "Devices:AddressRateLimit";

    /// <summary>Machine calls allowed per address and window: 50 machines at their full 120 a minute.</summary>
    public int PermitLimit { get; set; } = 6000;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public static PartitionedRateLimiter<HttpContext> Limiter() =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (!http.Request.Path.StartsWithSegments("/api/v1/devices")
                || !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return RateLimitPartition.GetNoLimiter("");
            var limits = http.RequestServices.GetRequiredService<IOptions<MachineAddressRateLimit>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter("machines-at:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
        });
}

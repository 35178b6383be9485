using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Staff.Account;

/// <summary>
/// A fixed window per client IP on the sign-in POST only (reading the page is never limited). It complements the
/// per-account lock: the lock stops guessing one account's password, this stops one address trying many accounts.
/// Behind a reverse proxy, configure forwarded headers so the client's address, not the proxy's, is the key.
/// </summary>
public sealed class SignInRateLimit
{
    public const string Section = "Staff:SignInRateLimit";
    public const string SignInPath = "/account/login";

    /// <summary>Sign-in POSTs allowed per address and window.</summary>
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public static PartitionedRateLimiter<HttpContext> Limiter() =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase))
                return RateLimitPartition.GetNoLimiter("");
            var limits = http.RequestServices.GetRequiredService<IOptions<SignInRateLimit>>().Value;
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
            });
        });
}

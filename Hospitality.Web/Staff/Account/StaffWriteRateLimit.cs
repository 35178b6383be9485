using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Staff.Account;

/// <summary>
/// A fixed window per signed-in user on the API's writes (refunds, commands and batches, machine registration and tokens,
/// imports, deployments and the rest): far above what a person clicking does, low enough that a script gone wrong, or a
/// stolen session, cannot hammer the business's critical endpoints. Machines have their own per-machine limit; reads are
/// not limited here. Runs after authentication, so it knows who is writing.
/// </summary>
public sealed class StaffWriteRateLimit
{
    public const string Section = "Staff:WriteRateLimit";

    public int PermitLimit { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public static PartitionedRateLimiter<HttpContext> Limiter() =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var user = http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || user is null
                || !http.Request.Path.StartsWithSegments("/api"))
                return RateLimitPartition.GetNoLimiter("");
            var limits = http.RequestServices.GetRequiredService<IOptions<StaffWriteRateLimit>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter("write:" + user, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
            });
        });
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Metrics;

/// <summary>
/// Who may scrape <c>/metrics</c>. It shows only aggregates over all tenants (request counts by route template,
/// connection counts, event and order totals), but it tells an outsider how busy the business is and which routes
/// fail, so it is not public: a scrape is allowed from loopback, from the configured <see cref="Networks"/>
/// (e.g. the Prometheus subnet), or from anywhere with <c>Authorization: Bearer</c> and the configured
/// <see cref="BearerKey"/>. A loopback request that carries <c>X-Forwarded-For</c> came through a proxy whose
/// forwarded headers are not trusted (<see cref="Staff.Account.TrustedProxies"/>), so it counts as remote; behind a
/// trusted proxy the forwarded client address is what is checked.
/// </summary>
public sealed class MetricsAccess
{
    public const string Section = "Metrics";

    /// <summary>CIDR networks allowed to scrape besides loopback, e.g. <c>Metrics__Networks__0=10.0.5.0/24</c>.</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>A shared secret a scraper sends as <c>Authorization: Bearer ...</c> from any address. Unset: no key works.</summary>
    public string? BearerKey { get; set; }

    internal bool Allows(HttpContext http)
    {
        if (BearerKey is { Length: > 0 } key && HasKey(http, key)) return true;
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        if (IPAddress.IsLoopback(remote) && !http.Request.Headers.ContainsKey("X-Forwarded-For")) return true;
        return Networks.Any(n => IPNetwork.Parse(n).Contains(remote));
    }

    private static bool HasKey(HttpContext http, string key)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Fails start-up on a network that does not parse, rather than at the first scrape.</summary>
    internal sealed class Validation : IValidateOptions<MetricsAccess>
    {
        public ValidateOptionsResult Validate(string? name, MetricsAccess options)
        {
            var bad = options.Networks.Where(n => !IPNetwork.TryParse(n, out _)).ToList();
            return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"Metrics:Networks has invalid CIDR networks: {string.Join(", ", bad)}");
        }
    }
}

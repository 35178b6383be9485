using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Hospitality.Web.Staff.Account;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed. Behind a proxy every request comes from
/// the proxy's address, so without this the per-address sign-in limit would be one bucket for the whole site, and
/// the cookie would not be marked Secure behind TLS termination. Empty (the default): forwarded headers are ignored,
/// because anyone can send them. Configure e.g. <c>Staff__TrustedProxies__Networks__0=172.16.0.0/12</c>.
/// </summary>
public sealed class TrustedProxies
{
    public const string Section = "Staff:TrustedProxies";

    /// <summary>CIDR networks of the proxies, e.g. "172.16.0.0/12" or "10.0.0.5/32".</summary>
    public List<string> Networks { get; set; } = [];

    internal static void Configure(ForwardedHeadersOptions forwarded, IOptions<TrustedProxies> proxies)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var network in proxies.Value.Networks)
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}

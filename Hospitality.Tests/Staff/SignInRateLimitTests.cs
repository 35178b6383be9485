using System.Net;
using Hospitality.Web.Staff.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hospitality.Tests.Staff;

public sealed class SignInRateLimitTests : IDisposable
{
    private const int Limit = 3;
    private readonly StaffHost _root = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host;

    private const string Proxy = "198.51.100.7";

    public SignInRateLimitTests()
    {
        _host = Limited(_root);
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Limited(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, string? trustedProxyNetwork = null) =>
        host.WithWebHostBuilder(b =>
        {
            if (trustedProxyNetwork is not null) b.UseSetting("Staff:TrustedProxies:Networks:0", trustedProxyNetwork);
            b.ConfigureServices(s => s.Configure<SignInRateLimit>(o =>
            {
                o.PermitLimit = Limit;
                o.Window = TimeSpan.FromMinutes(10);
            }));
        });

    public void Dispose()
    {
        _host.Dispose();
        _root.Dispose();
    }

    private HttpClient Client(string address, string? forwardedFor = null) => Client(_host, address, forwardedFor);

    private static HttpClient Client(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, string address, string? forwardedFor = null)
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Test-Client-Ip", address);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static async Task<HttpStatusCode> LastOfOverLimitAsync(HttpClient client)
    {
        var status = HttpStatusCode.OK;
        for (var i = 0; i <= Limit; i++)
            status = (await StaffHost.PostSignInAsync(client, "someone@nowhere.example", "guess")).StatusCode;
        return status;
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_address_has_its_own_limit()
    {
        using var behindProxy = Limited(_root, trustedProxyNetwork: "198.51.100.0/24");

        var first = await LastOfOverLimitAsync(Client(behindProxy, Proxy, forwardedFor: "203.0.113.1"));
        var second = await StaffHost.PostSignInAsync(Client(behindProxy, Proxy, forwardedFor: "203.0.113.2"), "a@nowhere.example", "guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forged_forwarded_address_does_not_escape_the_limit()
    {
        await LastOfOverLimitAsync(Client("192.0.2.9", forwardedFor: "203.0.113.1"));

        var forged = await StaffHost.PostSignInAsync(Client("192.0.2.9", forwardedFor: "203.0.113.99"), "a@nowhere.example", "guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_over_the_limit_from_one_address_get_429_while_another_address_still_signs_in()
    {
        var noisy = Client("192.0.2.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++)
            statuses.Add((await StaffHost.PostSignInAsync(noisy, $"guess{i}@nowhere.example", "guess")).StatusCode);
        var other = await StaffHost.PostSignInAsync(Client("192.0.2.2"), "someone@nowhere.example", "guess");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Limit), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Reading_the_sign_in_page_is_not_limited()
    {
        var client = Client("192.0.2.3");
        for (var i = 0; i <= Limit; i++)
            await StaffHost.PostSignInAsync(client, "someone@nowhere.example", "guess");

        var page = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}

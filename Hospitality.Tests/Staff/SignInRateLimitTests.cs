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

    public SignInRateLimitTests()
    {
        _host = _root.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<SignInRateLimit>(o =>
        {
            o.PermitLimit = Limit;
            o.Window = TimeSpan.FromMinutes(10);
        })));
    }

    public void Dispose()
    {
        _host.Dispose();
        _root.Dispose();
    }

    private HttpClient Client(string address)
    {
        var client = _host.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Test-Client-Ip", address);
        return client;
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

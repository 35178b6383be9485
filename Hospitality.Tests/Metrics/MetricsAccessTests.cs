using System.Net;
using Hospitality.Tests.Infrastructure;
using Hospitality.Web.Metrics;

namespace Hospitality.Tests.Metrics;

/// <summary>Who may scrape: a scraper on the same machine may, a request a same-host proxy forwarded may not.</summary>
public sealed class MetricsAccessTests : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.InMemory());
    private string _url = "";

    public Task InitializeAsync()
    {
        _url = _host.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_scraper_on_loopback_needs_no_key_but_a_request_forwarded_by_an_untrusted_proxy_is_refused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        var response = await http.GetAsync(MetricsSetup.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        using var proxied = new HttpRequestMessage(HttpMethod.Get, MetricsSetup.Path);
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(proxied)).StatusCode);
    }
}

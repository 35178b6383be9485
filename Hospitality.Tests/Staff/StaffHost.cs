using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hospitality.Domain.Tenancy;
using Hospitality.EventStore;
using Hospitality.EventStore.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.Staff;

/// <summary>
/// The real web host over a fresh in-memory store. Each client gets its own remote address (set from a test-only
/// header), so the per-address sign-in limiter separates tests the way it separates real clients.
/// </summary>
public sealed partial class StaffHost() : HospitalityHost(HostSetup.InMemory())
{
    private const string ClientIpHeader = "X-Test-Client-Ip";
    private static int _nextAddress;

    /// <summary>These tests exercise the sign-in limiter itself, so it keeps its real limit.</summary>
    protected override bool RaiseSignInLimit => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    /// <summary>A client that does not follow redirects, keeps cookies, and comes from its own address.</summary>
    public HttpClient NewClient(string? address = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientIpHeader, address ?? NewAddress());
        return client;
    }

    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>Posts the sign-in form the way a browser does: page first (antiforgery token), then the form.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var token = await AntiforgeryTokenAsync(client);
        var url = "/account/login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>A client signed in as <paramref name="account"/>; fails the test if sign-in does not work.</summary>
    public async Task<HttpClient> SignedInAsync(StaffAccount account)
    {
        var client = NewClient();
        var response = await PostSignInAsync(client, account.Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A client presenting a display token as bearer.</summary>
    public HttpClient WithBearer(string token)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/login");
        return AntiforgeryField().Match(page) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
    }

    public static Task<HttpResponseMessage> IssueAsync(HttpClient client, string locationId, string label = "Bar screen") =>
        client.PostAsJsonAsync($"/api/locations/{locationId}/display-tokens", new { label });

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader].ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Hospitality.Domain.Tenancy;
using Hospitality.Tests.Staff;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Hospitality.Tests.Infrastructure;

/// <summary>Clients of a test host signed in the way real users and screens are.</summary>
public static class SignedIn
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    /// <summary>An HTTP client with the staff cookie of <paramref name="account"/>; fails the test if sign-in fails.</summary>
    public static async Task<HttpClient> StaffAsync(this HospitalityHost host, StaffAccount account)
    {
        var cookies = new CookieContainer();
        var client = host.CreateDefaultClient(new CookieContainerHandler(cookies));
        Jars.AddOrUpdate(client, cookies);
        var response = await StaffHost.PostSignInAsync(client, account.Email, HospitalityHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Issues a display token for a location as <paramref name="manager"/> and returns the secret.</summary>
    public static async Task<string> DisplayTokenAsync(this HospitalityHost host, HttpClient manager, string locationId)
    {
        var response = await manager.PostAsJsonAsync($"/api/locations/{locationId}/display-tokens", new { label = "Wall TV" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        return body!["token"]!.GetValue<string>();
    }

    /// <summary>A hub connection authenticated by a display token (as a TV or phone app connects).</summary>
    public static async Task<HubTestClient> HubWithTokenAsync(this HospitalityHost host, string path, string token)
    {
        var socket = await host.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(host.Server.BaseAddress, $"{path}?access_token={Uri.EscapeDataString(token)}"), CancellationToken.None);
        return await HubTestClient.ConnectAsync(socket);
    }

    /// <summary>A hub connection carrying the staff cookie of a signed-in client.</summary>
    public static async Task<HubTestClient> HubWithCookieAsync(this HospitalityHost host, string path, HttpClient signedIn)
    {
        var ws = host.Server.CreateWebSocketClient();
        var cookies = Jars.TryGetValue(signedIn, out var jar) ? jar.GetCookieHeader(host.Server.BaseAddress) : null;
        ws.ConfigureRequest = request =>
        {
            if (cookies is not null) request.Headers.Cookie = cookies;
        };
        WebSocket socket = await ws.ConnectAsync(new Uri(host.Server.BaseAddress, path), CancellationToken.None);
        return await HubTestClient.ConnectAsync(socket);
    }
}

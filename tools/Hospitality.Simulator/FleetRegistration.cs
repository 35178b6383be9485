using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hospitality.Simulator;

/// <summary>
/// Registers machines through the API as a manager would: signs in with the real form (cookie), registers each machine
/// at a location (<c>POST /api/v1/devices/register</c>, the token comes back once) and sets up its bins with materials of
/// the tenant's dictionary (<c>PUT /api/v1/devices/{id}/bins/{bin}</c>); a material the tenant lacks leaves that bin
/// unmonitored, the machine still reports it.
/// </summary>
public static partial class FleetRegistration
{
    public static async Task<IReadOnlyList<MachineCredentials>> RegisterAsync(Uri server, string email, string password, int count,
        string? locationId, string namePrefix, CancellationToken ct)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var manager = new HttpClient(handler) { BaseAddress = server };
        await SignInAsync(manager, email, password, ct);
        var location = locationId ?? await FirstLocationAsync(manager, ct);
        var run = DateTimeOffset.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var machines = new List<MachineCredentials>();
        for (var n = 1; n <= count; n++)
        {
            var name = $"{namePrefix} {n:00}";
            var registered = await SendAsync(manager, HttpMethod.Post, "api/v1/devices/register",
                new JsonObject { ["locationId"] = location, ["name"] = name, ["model"] = "SIM-1", ["serialNumber"] = $"SIM-{run}-{n:0000}" }, ct);
            var id = registered!["device"]!["id"]!.GetValue<Guid>();
            foreach (var (bin, material, capacity, threshold) in Drinks.StandardBins)
            {
                try
                {
                    await SendAsync(manager, HttpMethod.Put, $"api/v1/devices/{id}/bins/{bin}",
                        new JsonObject { ["materialCode"] = material, ["capacity"] = capacity, ["threshold"] = threshold, ["expectedVersion"] = 0 }, ct);
                }
                catch (ApiRefused) { }   // no such material in this tenant's dictionary: the bin stays unmonitored
            }
            machines.Add(new MachineCredentials(id, registered["token"]!.GetValue<string>(), name));
        }
        return machines;
    }

    /// <summary>The sign-in form, as a browser posts it: the page first (antiforgery token), then the form.</summary>
    private static async Task SignInAsync(HttpClient client, string email, string password, CancellationToken ct)
    {
        var page = await client.GetStringAsync("account/login", ct);
        var token = AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token: is this a Hospitality server?");
        using var response = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed: check the email and password.");
    }

    private static async Task<string> FirstLocationAsync(HttpClient client, CancellationToken ct)
    {
        var locations = JsonNode.Parse(await client.GetStringAsync("api/locations", ct));
        var list = locations as JsonArray ?? locations?["items"] as JsonArray;
        return list?.FirstOrDefault()?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("The tenant has no location to put machines at.");
    }

    private static async Task<JsonNode?> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, ct);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        if (!response.IsSuccessStatusCode)
            throw new ApiRefused(response.StatusCode, answer?["error"]?["message"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}");
        return answer?["data"];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

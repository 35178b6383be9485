using System.Net;
using System.Text.Json.Nodes;
using Hospitality.Tests.Infrastructure;

namespace Hospitality.Tests.ApiV1;

/// <summary>Seed 002's conventions under /api/v1: the envelope for answers and for every kind of error, and the health endpoint.</summary>
public sealed class ApiV1EnvelopeTests : IAsyncLifetime
{
    private readonly HospitalityHost _host = new(HostSetup.InMemory());

    public Task InitializeAsync() => Task.FromResult(_host.Server);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path)
    {
        var response = await _host.CreateClient().GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Health_answers_ok_with_data_in_the_envelope()
    {
        var (status, body) = await GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)body["ok"]!);
        Assert.Equal("healthy", (string)body["data"]!["status"]!);
    }

    [Fact]
    public async Task An_unknown_address_is_an_error_in_the_envelope_while_the_rest_of_the_api_keeps_problem_details()
    {
        var (status, body) = await GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.False((bool)body["ok"]!);
        Assert.Equal("not_found", (string)body["error"]!["code"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)body["error"]!["message"]!));

        var (otherStatus, problem) = await GetAsync("/api/customers");   // not signed in: ProblemDetails outside /api/v1
        Assert.Equal(HttpStatusCode.Unauthorized, otherStatus);
        Assert.Equal(401, (int)problem["status"]!);
        Assert.Null(problem["ok"]);
    }
}

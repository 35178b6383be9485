using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.RemoteCommands;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using Hospitality.Web.Staff;
using MediatR;

namespace Hospitality.Web.Devices;

/// <summary>
/// Remote commands under <c>/api/v1</c>, in seed 002's envelope. Staff (Admin, Manager, Staff): <c>POST
/// /devices/{id}/commands</c> (seed 002's), a machine's recent commands, one command, batches for many machines and their
/// progress. Machines, with their token: take their due commands, acknowledge each, report the result.
/// </summary>
public static class CommandsApi
{
    public static void MapCommandsApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup(ApiV1.ApiV1.Prefix).WithTags("Remote commands").AddEndpointFilter<CrossSiteWriteGuard>();
        v1.MapPost("/devices/{id:guid}/commands", (HttpContext http, IMediator m, Guid id, CommandBody body, CancellationToken ct) =>
            m.OkAsync(new QueueCommandRequest(http.User.ToActor()!, id, body.Kind, Payload(body), body.MaxAttempts), ct))
            .RequireAuthorization(Policies.OperateSessions);
        v1.MapGet("/devices/{id:guid}/commands", (HttpContext http, IMediator m, Guid id, int? limit, CancellationToken ct) =>
            m.OkAsync(new ListDeviceCommands(http.User.ToActor()!, id, limit ?? 50), ct)).RequireAuthorization(Policies.ViewBoard);
        v1.MapGet("/commands/{id:guid}", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new GetRemoteCommand(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.ViewBoard);
        v1.MapPost("/commands/batches", (HttpContext http, IMediator m, BatchBody body, CancellationToken ct) =>
            m.OkAsync(new QueueBatchRequest(http.User.ToActor()!, body.DeviceIds, body.LocationIds, body.Kind, Payload(body.Payload)), ct))
            .RequireAuthorization(Policies.OperateSessions);
        v1.MapGet("/commands/batches/{id:guid}", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new GetBatchProgress(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.ViewBoard);

        var machine = routes.MapGroup($"{ApiV1.ApiV1.Prefix}/devices/{{id:guid}}/commands").WithTags("Remote commands")
            .RequireAuthorization(Policies.Devices).RequireRateLimiting(DevicesApi.DeviceRateLimit);
        machine.MapPost("/take", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new TakeDueCommands(DevicesApi.Self(http, id), "poll"), ct));
        machine.MapPost("/{commandId:guid}/ack", (HttpContext http, IMediator m, Guid id, Guid commandId, CancellationToken ct) =>
            m.OkAsync(new AcknowledgeCommand(DevicesApi.Self(http, id), commandId), ct));
        machine.MapPost("/{commandId:guid}/result", (HttpContext http, IMediator m, Guid id, Guid commandId, ResultBody body, CancellationToken ct) =>
            m.OkAsync(new CompleteCommand(DevicesApi.Self(http, id), commandId,
                body.Success ?? throw DomainException.Invalid("'success' is required: true or false."), body.Message), ct));
    }

    private static string? Payload(CommandBody body) => Payload(body.Payload);

    private static string? Payload(System.Text.Json.JsonElement? payload) =>
        payload is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) } p ? p.GetRawText() : null;

    /// <summary>What to do (<c>restart</c>, <c>clean</c>, <c>brew_test</c>, ...), its parameters as a JSON object, and how many tries.</summary>
    public sealed record CommandBody(string? Kind, System.Text.Json.JsonElement? Payload, int? MaxAttempts);

    public sealed record BatchBody(IReadOnlyList<Guid>? DeviceIds, IReadOnlyList<string>? LocationIds, string? Kind, System.Text.Json.JsonElement? Payload);

    public sealed record ResultBody(bool? Success, string? Message);
}

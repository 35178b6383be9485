using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Hospitality.Domain;
using Hospitality.Domain.Common;
using Hospitality.Domain.Devices;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.RateLimiting;

namespace Hospitality.Web.Devices;

/// <summary>
/// Seed 002's device endpoints under <c>/api/v1/devices</c>, in its envelope. Staff: register (managers; the token is in
/// the answer, once), set up or remove bins (managers), list with the seed's filters and paging, a machine's summary, replace or revoke its token. Machines,
/// with their token: report status. Machine endpoints are rate limited per machine.
/// </summary>
public static class DevicesApi
{
    public const string DeviceRateLimit = "devices";

    public static void MapDevicesApi(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup($"{ApiV1.ApiV1.Prefix}/devices").WithTags("Devices").AddEndpointFilter<CrossSiteWriteGuard>();
        staff.MapPost("/register", (HttpContext http, IMediator m, RegisterBody body, CancellationToken ct) =>
            m.OkAsync(new RegisterDeviceRequest(http.User.ToActor()!, body.LocationId, body.Name, body.Model, body.SerialNumber), ct))
            .RequireAuthorization(Policies.ManageVenue);
        staff.MapGet("/", (HttpContext http, IMediator m, string? query, string? model, string? status, string? location_id, int? page, int? page_size, CancellationToken ct) =>
        {
            var (p, size) = ApiV1Page<DeviceView>.Read(page, page_size);
            return m.OkAsync(new ListDevices(http.User.ToActor()!, query, model, status, location_id, p, size), ct);
        }).RequireAuthorization(Policies.ViewBoard);
        staff.MapGet("/{id:guid}/summary", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new GetDevice(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.ViewBoard);
        staff.MapPost("/{id:guid}/token", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new ChangeDeviceTokenRequest(http.User.ToActor()!, id, Revoke: false), ct)).RequireAuthorization(Policies.ManageVenue);
        staff.MapDelete("/{id:guid}/token", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new ChangeDeviceTokenRequest(http.User.ToActor()!, id, Revoke: true), ct)).RequireAuthorization(Policies.ManageVenue);
        staff.MapPut("/{id:guid}/bins/{bin}", (HttpContext http, IMediator m, Guid id, string bin, BinSetupBody body, CancellationToken ct) =>
            m.OkAsync(new ConfigureDeviceBin(http.User.ToActor()!, id, bin, body.MaterialCode, body.Capacity, body.Threshold, body.ExpectedVersion), ct))
            .RequireAuthorization(Policies.ManageVenue);
        staff.MapDelete("/{id:guid}/bins/{bin}", (HttpContext http, IMediator m, Guid id, string bin, long? expected_version, CancellationToken ct) =>
            m.OkAsync(new RemoveDeviceBin(http.User.ToActor()!, id, bin, expected_version), ct)).RequireAuthorization(Policies.ManageVenue);

        routes.MapPost($"{ApiV1.ApiV1.Prefix}/devices/{{id:guid}}/status", (HttpContext http, IMediator m, Guid id, StatusBody body, CancellationToken ct) =>
            m.OkAsync(new ReportDeviceStatus(Self(http, id), body.Sequence ?? throw Missing("sequence"),
                EnumNames.Parse<DeviceState>(body.State ?? throw Missing("state"), "state"), body.Temperature,
                body.Connectivity is null ? null : EnumNames.Parse<Connectivity>(body.Connectivity, "connectivity"), body.Firmware,
                [.. (body.Bins ?? []).Select(b => new BinLevel(b.Bin ?? throw Missing("bins[].bin"), b.Level ?? throw Missing("bins[].level")))],
                body.ReportedAt, body.BootId), ct))
            .WithTags("Devices").RequireAuthorization(Policies.Devices).RequireRateLimiting(DeviceRateLimit);
    }

    /// <summary>A machine speaks only for itself: its token must name the machine in the address.</summary>
    public static DeviceCaller Self(HttpContext http, Guid id)
    {
        var caller = DeviceClaims.CallerOf(http.User) ?? throw DomainException.Forbidden("Only the machine itself reports its status.");
        return caller.DeviceId == id ? caller : throw DomainException.Forbidden("This device token is for another machine.");
    }

    /// <summary>
    /// A fixed window per machine (or per address for anyone else): 120 requests a minute, under a ceiling per address for
    /// all machine calls (<see cref="MachineAddressRateLimit"/>).
    /// </summary>
    public static void AddDeviceRateLimit(this RateLimiterOptions options) =>
        options.AddPolicy(DeviceRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 120, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>
    /// The limiter runs before the device token is checked (the token scheme is the policy's, not the default one, so
    /// <c>http.User</c> is still anonymous there): a machine is told apart by the token it presents, hashed, so machines
    /// behind one address never share a window, and a forged token naming a machine cannot use up that machine's.
    /// </summary>
    private static string PartitionOf(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length
            ? "device:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())))
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static DomainException Missing(string field) => DomainException.Invalid($"'{field}' is required.");

    public sealed record RegisterBody(string? LocationId, string? Name, string? Model, string? SerialNumber);

    /// <param name="BootId">Optional: the machine's current boot (1–64 characters, new at every start); its sequence counts within it.</param>
    public sealed record StatusBody(long? Sequence, string? State, double? Temperature, string? Connectivity, string? Firmware,
        IReadOnlyList<BinBody>? Bins, DateTimeOffset? ReportedAt, string? BootId);

    public sealed record BinBody(string? Bin, long? Level);

    /// <param name="ExpectedVersion">The bin's version the editor saw (0 for a new bin); a stale one is a 409.</param>
    public sealed record BinSetupBody(string? MaterialCode, long? Capacity, long? Threshold, long? ExpectedVersion);
}

using Hospitality.Domain.Common;
using Hospitality.Domain.MachineOrders;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.ApiV1;
using Hospitality.Web.Devices;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hospitality.Web.MachineOrders;

/// <summary>
/// Seed 002's order endpoints in its envelope. Machines, with their token: record a sale (rate limited with their status
/// reports; the same <c>machineOrderId</c> again answers the first sale). Staff: list with the seed's filters and paging,
/// one sale, CSV export of a filter, and refunds (Admin, Manager and Staff; an <c>Idempotency-Key</c> makes a retry safe).
/// </summary>
public static class MachineOrdersApi
{
    /// <summary>The most sales one export holds: more is refused, asking for a narrower range, rather than cut short.</summary>
    public const int ExportMaxRows = 100_000;

    /// <summary>A sale's body is small (at most 20 lines); anything much larger is refused before it is read.</summary>
    public const long MaxSaleBodyBytes = 64 * 1024;

    public static void MapMachineOrdersApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost($"{ApiV1.ApiV1.Prefix}/devices/{{id:guid}}/orders/create", (HttpContext http, IMediator m, Guid id, SaleBody body, CancellationToken ct) =>
            m.OkAsync(new CreateMachineOrder(DevicesApi.Self(http, id), body.MachineOrderId,
                body.Items?.Select(i => new MachineOrderLineInput(i.Name, i.Quantity, i.UnitPrice)).ToList(), body.Currency,
                Parse<PaymentMethod>(body.PaymentMethod, "paymentMethod"), Parse<PaymentStatus>(body.PaymentStatus, "paymentStatus"),
                Parse<MachineFault>(body.Exception?.Kind, "exception.kind"), body.Exception?.Message, body.CreatedAt), ct))
            .WithTags("Machine orders").RequireAuthorization(Policies.Devices).RequireRateLimiting(DevicesApi.DeviceRateLimit)
            .WithMetadata(new RequestSizeLimitAttribute(MaxSaleBodyBytes));

        // "/export.csv" cannot be taken for an order: ids are constrained to GUIDs.
        var orders = routes.MapGroup($"{ApiV1.ApiV1.Prefix}/orders").WithTags("Machine orders").AddEndpointFilter<CrossSiteWriteGuard>();
        orders.MapGet("/", (HttpContext http, IMediator m, string? from, string? to, string? device_id, string? payment_method, string? status,
            string? location_id, int? page, int? page_size, CancellationToken ct) =>
        {
            var filter = MachineOrderFilter.Read(from, to, device_id, payment_method, status, location_id);
            var (p, size) = ApiV1Page<MachineOrderView>.Read(page, page_size);
            return m.OkAsync(new ListMachineOrders(http.User.ToActor()!, filter, p, size), ct);
        }).RequireAuthorization(Policies.ViewBoard);
        orders.MapGet("/export.csv", Export).RequireAuthorization(Policies.ViewBoard);
        orders.MapGet("/{id:guid}", (HttpContext http, IMediator m, Guid id, CancellationToken ct) =>
            m.OkAsync(new GetMachineOrder(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.ViewBoard);
        orders.MapPost("/{id:guid}/manual_refund", (HttpContext http, IMediator m, Guid id, RefundBody body, CancellationToken ct) =>
            m.OkAsync(new RefundMachineOrder(http.User.ToActor()!, id, body.Amount, body.Reason, body.ExpectedVersion), ct))
            .RequireAuthorization(Policies.OperateSessions).WithMetadata(new Infrastructure.IdempotentAttribute());
    }

    private static async Task<PushStreamHttpResult> Export(HttpContext http, IMediator m, string? from, string? to, string? device_id,
        string? payment_method, string? status, string? location_id, CancellationToken ct)
    {
        // Filters are read and the size checked before the first byte, so a refusal is still an envelope with its status.
        var filter = MachineOrderFilter.Read(from, to, device_id, payment_method, status, location_id);
        var export = await m.Send(new ExportMachineOrders(http.User.ToActor()!, filter, ExportMaxRows), ct);
        return TypedResults.Stream(body => MachineOrderCsv.WriteAsync(body, export.Rows, ct), MachineOrderCsv.ContentType, "machine-orders.csv");
    }

    private static T? Parse<T>(string? value, string field) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null : EnumNames.Parse<T>(value.Trim(), field);

    /// <param name="CreatedAt">When the machine made the sale, by its clock (ISO 8601); the server's time when left out.</param>
    public sealed record SaleBody(string? MachineOrderId, IReadOnlyList<LineBody>? Items, string? Currency, string? PaymentMethod,
        string? PaymentStatus, FaultBody? Exception, DateTimeOffset? CreatedAt);

    /// <param name="UnitPrice">Text in major units of the location's currency, e.g. "3.50".</param>
    public sealed record LineBody(string? Name, int? Quantity, string? UnitPrice);

    public sealed record FaultBody(string? Kind, string? Message);

    /// <param name="Amount">Text in major units; all that is left to refund when left out.</param>
    public sealed record RefundBody(string? Amount, string? Reason, long? ExpectedVersion);
}

using System.Text.Json.Serialization;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Customers;

/// <summary>
/// Seed 001's <c>capture_customer_info</c> function for an AI voice or chat agent: the function's own argument
/// schema in, the seed's result shape out (<c>success</c>, <c>message</c>, <c>customer</c>, <c>customerId</c>,
/// <c>isNewCustomer</c>). It creates the guest with that phone or updates the one who has it, and says which.
/// </summary>
public static class CaptureCustomerInfoApi
{
    public static RouteHandlerBuilder MapCaptureCustomerInfo(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/agent/capture_customer_info", Capture).WithTags("Agent").AddEndpointFilter<CrossSiteWriteGuard>()
            .RequireAuthorization(Policies.Agents).WithMetadata(new IdempotentAttribute());

    private static async Task<Ok<CaptureResult>> Capture(HttpContext http, IMediator mediator, CaptureArguments args, string? locationId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(args.Name)) throw CustomersApi.Missing("name");
        if (string.IsNullOrWhiteSpace(args.Phone)) throw CustomersApi.Missing("phone");
        var (first, last) = CustomerInput.SplitFullName(args.Name);
        var input = new CustomerInput(first, last, args.Phone, args.Email, args.DeliveryAddress?.ToAddress());
        var (customer, isNew) = await mediator.Send(new CaptureCustomerInfo(http.User.ToActor()!, input, locationId), ct);
        return TypedResults.Ok(new CaptureResult(true, $"Customer info saved: {customer.Name}",
            new CapturedInfo(customer.Name, customer.Phone!, customer.Email, args.DeliveryAddress), customer.Id, isNew));
    }
}

/// <summary>The function's parameters, as the seed declares them (name and phone required; phone a string).</summary>
public sealed record CaptureArguments(string? Name, string? Phone, string? Email, DeliveryAddressBody? DeliveryAddress);

public sealed record CapturedInfo(string Name, string Phone, string? Email, DeliveryAddressBody? DeliveryAddress);

public sealed record CaptureResult(
    bool Success, string Message, CapturedInfo Customer, string CustomerId, [property: JsonPropertyName("isNewCustomer")] bool IsNewCustomer);

using System.Text.Json.Serialization;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using Hospitality.Domain.Sessions;
using Hospitality.Domain.Tenancy;
using Hospitality.Web.Infrastructure;
using Hospitality.Web.Staff;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Web.Customers;

/// <summary>
/// The guest book over HTTP: seed 001's customer operations (create, get by phone, history, update) and seed 004's
/// (list by last name with search, details, edit, delete), plus notes and consents. Phone numbers are strings end
/// to end; bad input is a 400 naming the field, a guest of another tenant or hidden location a 404.
/// </summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/customers").WithTags("Customers").AddEndpointFilter<CrossSiteWriteGuard>()
            .RequireAuthorization(Policies.OperateSessions);
        group.MapGet("/", (HttpContext http, IMediator m, string? search, int? page, int? pageSize, CancellationToken ct) =>
            m.OkAsync(new FindCustomers(http.User.ToActor()!, search, page ?? 1, pageSize ?? 25), ct));
        group.MapPost("/", Create).WithMetadata(new IdempotentAttribute());
        group.MapGet("/by-phone/{phone}", (HttpContext http, IMediator m, string phone, string? locationId, CancellationToken ct) =>
            m.OkAsync(new FindCustomerByPhone(http.User.ToActor()!, phone, locationId), ct));
        group.MapGet("/{id}", (HttpContext http, IMediator m, string id, CancellationToken ct) =>
            m.OkAsync(new GetCustomer(http.User.ToActor()!, id), ct));
        group.MapGet("/{id}/history", (HttpContext http, IMediator m, string id, int? limit, CancellationToken ct) =>
            m.OkAsync(new GetCustomerHistory(http.User.ToActor()!, id, limit ?? 50), ct));
        group.MapPut("/{id}", (HttpContext http, IMediator m, string id, CustomerBody body, CancellationToken ct) =>
            m.OkAsync(new UpdateCustomer(http.User.ToActor()!, id, body.ToInput(), body.ExpectedVersion, body.LocationId), ct));
        group.MapPut("/{id}/consents/{consent}", (HttpContext http, IMediator m, string id, string consent, ConsentBody body, CancellationToken ct) =>
            m.OkAsync(new SetCustomerConsent(http.User.ToActor()!, id, EnumNames.Parse<ConsentKind>(consent, "consent"),
                body.Granted ?? throw Missing("granted"), body.LocationId), ct));
        group.MapPost("/{id}/notes", (HttpContext http, IMediator m, string id, NoteBody body, CancellationToken ct) =>
            m.OkAsync(new WriteCustomerNote(http.User.ToActor()!, id, body.Text ?? "", body.Visibility ?? NoteVisibility.Shared, body.LocationId), ct))
            .WithMetadata(new IdempotentAttribute());
        group.MapDelete("/{id}/notes/{noteId:guid}", (HttpContext http, IMediator m, string id, Guid noteId, CancellationToken ct) =>
            m.OkAsync(new DeleteCustomerNote(http.User.ToActor()!, id, noteId), ct));
        group.MapDelete("/{id}", Delete).RequireAuthorization(Policies.ManageVenue);
        group.MapGet("/{id}/export", (HttpContext http, IMediator m, string id, CancellationToken ct) =>
            m.OkAsync(new ExportCustomer(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.ManageVenue);
        group.MapGet("/{id}/access-log", (HttpContext http, IMediator m, string id, CancellationToken ct) =>
            m.OkAsync(new GetProfileAccessLog(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.ManageVenue);
        group.MapGet("/{id}/portable", (HttpContext http, IMediator m, string id, CancellationToken ct) =>
            m.OkAsync(new GetPortableCustomer(http.User.ToActor()!, id), ct)).RequireAuthorization(Policies.ManageVenue);
        group.MapPost("/import", (HttpContext http, IMediator m, ImportBody body, CancellationToken ct) =>
            m.OkAsync(new ImportCustomer(http.User.ToActor()!, body.Profile ?? throw Missing("profile"), body.GuestConsented ?? false, body.LocationId), ct))
            .RequireAuthorization(Policies.ManageVenue);
        group.MapGet("/duplicates", (HttpContext http, IMediator m, string? customerId, CancellationToken ct) =>
            m.OkAsync(new FindDuplicates(http.User.ToActor()!, customerId), ct));
        group.MapPost("/{id}/merge", (HttpContext http, IMediator m, string id, MergeBody body, CancellationToken ct) =>
            m.OkAsync(new MergeCustomers(http.User.ToActor()!, id, body.MergeId ?? throw Missing("mergeId")), ct));
        group.MapPost("/{id}/merge/{mergedId}/undo", (HttpContext http, IMediator m, string id, string mergedId, CancellationToken ct) =>
            m.OkAsync(new UndoCustomerMerge(http.User.ToActor()!, id, mergedId), ct));
        return group;
    }

    private static async Task<Created<CustomerProfile>> Create(HttpContext http, IMediator mediator, CustomerBody body, CancellationToken ct)
    {
        var created = await mediator.Send(new CreateCustomer(http.User.ToActor()!, body.ToInput(), body.LocationId, body.Consents), ct);
        return TypedResults.Created($"/api/customers/{created.Id}", created);
    }

    /// <summary>Seed 004's delete is permanent: done as erasure, so visits still count and nothing personal remains.</summary>
    private static async Task<NoContent> Delete(HttpContext http, IMediator mediator, string id, CancellationToken ct)
    {
        await mediator.Send(new DeleteCustomer(http.User.ToActor()!, id), ct);
        return TypedResults.NoContent();
    }

    internal static Hospitality.Domain.DomainException Missing(string field) =>
        Hospitality.Domain.DomainException.Invalid($"The field '{field}' is required.");
}

/// <summary>A guest's details as sent by staff screens and integrations.</summary>
public sealed record CustomerBody(
    string? FirstName, string? LastName, string? Phone, string? Email, DeliveryAddressBody? DeliveryAddress,
    CustomerPreferences? Preferences, IReadOnlyList<string>? Tags, string? LocationId, ConsentGrant? Consents, long? ExpectedVersion)
{
    public CustomerInput ToInput() => new(FirstName, LastName, Phone, Email, DeliveryAddress?.ToAddress(), Preferences, Tags);
}

/// <summary>Seed 001's deliveryAddress: <c>pincode</c> is the postcode.</summary>
public sealed record DeliveryAddressBody(string? Street, string? Apartment, string? City, string? State, string? Pincode, string? Landmark)
{
    public DeliveryAddress ToAddress() => new(Street, Apartment, City, State, Pincode, Landmark);
}

public sealed record ConsentBody(bool? Granted, string? LocationId);

public sealed record MergeBody(string? MergeId);

public sealed record ImportBody(PortableCustomer? Profile, bool? GuestConsented, string? LocationId);

public sealed record NoteBody(string? Text, NoteVisibility? Visibility, string? LocationId);

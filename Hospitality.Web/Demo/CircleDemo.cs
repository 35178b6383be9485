using Hospitality.Domain.Circles;
using Hospitality.Domain.Common;
using Hospitality.Domain.Customers;
using MediatR;

namespace Hospitality.Web.Demo;

/// <summary>
/// Two demo circles, made through the real commands from the demo guests: Layla's family (with Omar and Jade) and Marcus's
/// Friday crew (with Sofia). Staff start a group order for either from the owner's page.
/// </summary>
public static class CircleDemo
{
    public static async Task SeedAsync(IMediator mediator, Actor actor, CancellationToken ct = default)
    {
        await CircleAsync(mediator, actor, "The Haddads", CircleKind.Family, "+1 415 555 0142", ["+1 415 555 0199", "+1 415 555 0110"], ct);
        await CircleAsync(mediator, actor, "Friday crew", CircleKind.Friends, "+1 415 555 0177", ["+44 7700 900123"], ct);
    }

    private static async Task CircleAsync(IMediator mediator, Actor actor, string name, CircleKind kind, string ownerPhone, string[] memberPhones, CancellationToken ct)
    {
        var owner = await mediator.Send(new FindCustomerByPhone(actor, ownerPhone), ct);
        var circle = await mediator.Send(new CreateCircle(actor, owner.Customer.Id, name, kind), ct);
        foreach (var phone in memberPhones) await mediator.Send(new InviteToCircle(actor, circle.Id.ToString(), phone), ct);
    }
}

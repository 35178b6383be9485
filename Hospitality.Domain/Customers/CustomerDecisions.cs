namespace Hospitality.Domain.Customers;

public abstract record CustomerCommand(DateTimeOffset At);
public sealed record RegisterCustomer(Guid CustomerId, CustomerDetails Details, string? LocationId, DateTimeOffset At) : CustomerCommand(At);
public sealed record ChangeCustomerDetails(CustomerDetails Details, DateTimeOffset At) : CustomerCommand(At);
public sealed record ChangeConsent(ConsentKind Consent, bool Granted, string? LocationId, DateTimeOffset At) : CustomerCommand(At);
public sealed record AddCustomerNote(Guid NoteId, string Text, NoteVisibility Visibility, string LocationId, DateTimeOffset At) : CustomerCommand(At);
/// <param name="LocationId">Where the remover works: a location's private note can only be removed there.</param>
public sealed record RemoveCustomerNote(Guid NoteId, string? LocationId, DateTimeOffset At) : CustomerCommand(At);
public sealed record EraseCustomer(DateTimeOffset At) : CustomerCommand(At);

/// <summary>
/// Pure decisions about a guest. Details arrive already validated (<see cref="CustomerInput"/>); personal values
/// leave sealed through <paramref name="seal"/>, so a test passes a transparent sealer and needs no key.
/// </summary>
public static class CustomerDecisions
{
    public const int MaxNoteLength = 1000;

    public static object[] Decide(Customer? customer, CustomerCommand command, Func<object, string> seal)
    {
        if (command is RegisterCustomer register)
        {
            if (customer is not null) throw DomainException.Conflict("This guest is already registered.");
            return [new CustomerRegistered(register.CustomerId, seal(register.Details), register.LocationId, register.At)];
        }

        if (customer is null) throw DomainException.NotFound("No such guest.");
        if (customer.Erased) throw DomainException.NotFound("This guest was erased at their request; nothing about them can be changed.");
        if (customer.MergedInto is { } survivor && command is not EraseCustomer)
            throw DomainException.Conflict($"This profile was merged into guest {survivor}; change that profile, or undo the merge first.");
        return command switch
        {
            ChangeCustomerDetails c => [new CustomerDetailsChanged(customer.Id, seal(c.Details), c.At)],
            ChangeConsent c when customer.Consented(c.Consent) == c.Granted => [],
            ChangeConsent c => [new CustomerConsentChanged(customer.Id, c.Consent, c.Granted, c.LocationId, c.At)],
            AddCustomerNote n => [AddNote(customer, n, seal)],
            RemoveCustomerNote r => [RemoveNote(customer, r)],
            EraseCustomer e => [new CustomerErased(customer.Id, e.At)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown customer command."),
        };
    }

    private static CustomerNoteAdded AddNote(Customer customer, AddCustomerNote n, Func<object, string> seal)
    {
        var text = n.Text?.Trim() ?? "";
        if (text.Length == 0) throw DomainException.Invalid("A note needs some text.");
        if (text.Length > MaxNoteLength) throw DomainException.Invalid($"A note can be at most {MaxNoteLength} characters; this one has {text.Length}.");
        if (customer.Notes.Any(x => x.NoteId == n.NoteId)) throw DomainException.Conflict("That note was already added.");
        return new CustomerNoteAdded(customer.Id, n.NoteId, seal(text), n.Visibility, n.LocationId, n.At);
    }

    private static CustomerNoteRemoved RemoveNote(Customer customer, RemoveCustomerNote r)
    {
        var note = customer.Notes.SingleOrDefault(x => x.NoteId == r.NoteId)
            ?? throw DomainException.NotFound("That note does not exist (it may have been removed already).");
        if (note.Visibility == NoteVisibility.Location && r.LocationId is { } here && here != note.LocationId)
            throw DomainException.NotFound("That note does not exist (it may have been removed already).");
        return new CustomerNoteRemoved(customer.Id, r.NoteId, r.At);
    }
}

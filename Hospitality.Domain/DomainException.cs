namespace Hospitality.Domain;

/// <summary>
/// A decision refused a command. <see cref="Exception.Message"/> is a sentence a user can read
/// ("Only an Admin or a Manager can issue display tokens."), so edges may show it as it is.
/// </summary>
public sealed class DomainException(string message) : Exception(message);

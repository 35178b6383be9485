namespace Hospitality.Domain.Tenancy;

/// <summary>
/// Authorization policy names (defined in Hospitality.Web/Staff/StaffSetup.cs). Use with
/// <c>RequireAuthorization(Policies.X)</c> or <c>[Authorize(Policy = Policies.X)]</c>.
/// </summary>
public static class Policies
{
    /// <summary>Staff cookie, any staff role (Admin, Manager, Staff, Viewer): read boards and lists.</summary>
    public const string ViewBoard = "ViewBoard";

    /// <summary>Staff cookie, Admin, Manager or Staff: change sessions, orders, refills.</summary>
    public const string OperateSessions = "OperateSessions";

    /// <summary>Staff cookie, Admin or Manager: locations, display tokens, venue settings.</summary>
    public const string ManageVenue = "ManageVenue";

    /// <summary>Display token (bearer, or access_token on /hubs) with role Display.</summary>
    public const string Display = "Display";

    /// <summary>
    /// Either a staff cookie (any staff role) or a display token, for hubs and read endpoints that screens use.
    /// Check <c>User.CanReadLocation(...)</c> before answering: a display reads only its own location.
    /// </summary>
    public const string LiveScreens = "LiveScreens";

    /// <summary>An agent token (an AI voice or chat agent of one location), or staff who operate sessions: the agent functions.</summary>
    public const string Agents = "Agents";

    /// <summary>A guest signed in with a personal invite link to a group-order room (the hub, the seed's socket).</summary>
    public const string RoomGuests = "RoomGuests";

    /// <summary>A coffee machine signed in with its device token: its own status, orders and commands only.</summary>
    public const string Devices = "Devices";
}

using System.Security.Claims;
using Hospitality.Domain.Common;
using Microsoft.AspNetCore.SignalR;

namespace Hospitality.Hubs;

/// <summary>The actor behind a hub call, from the connection's claims.</summary>
public static class HubActor
{
    private static readonly string[] Operators = ["Admin", "Manager", "Staff"];

    public static Actor From(HubCallerContext context) =>
        context.User?.ToActor() ?? throw new HubException("Sign in, or connect with a display token.");

    /// <summary>Staff who may change sessions; screens and viewers only watch.</summary>
    public static Actor RequireOperator(HubCallerContext context)
    {
        var actor = From(context);
        if (!Operators.Any(role => context.User!.IsInRole(role)))
            throw new HubException("Only staff can change sessions from this connection.");
        return actor;
    }
}

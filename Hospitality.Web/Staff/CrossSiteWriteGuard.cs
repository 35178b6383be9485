using Hospitality.Web.Staff.Screens;
using Microsoft.AspNetCore.Mvc;

namespace Hospitality.Web.Staff;

/// <summary>
/// CSRF defence of the JSON API, chosen over antiforgery tokens: a cookie-authenticated POST must be
/// <c>Content-Type: application/json</c>. A cross-site page can only send such a request with fetch, which makes it a
/// non-simple CORS request that the browser preflights, and we grant no CORS, so it never leaves the browser.
/// DELETE/PUT/PATCH are never simple, so they are always preflighted. HTML forms can only send urlencoded,
/// multipart or text/plain bodies, which this refuses. Bearer (display token) calls are not cookie-borne and so
/// not CSRF-able. Why not antiforgery tokens: the staff UI calls these operations in-process (Blazor Server), and
/// machine clients have no page to read a token from; a content-type rule protects both with nothing to fetch.
/// If anyone adds a CORS policy with credentials, this reasoning no longer holds: add antiforgery validation then.
/// </summary>
public sealed class CrossSiteWriteGuard : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var cookieBorne = DisplayTokenAuthenticationHandler.PresentedToken(request) is null;
        if (cookieBorne && HttpMethods.IsPost(request.Method) && !request.HasJsonContentType())
            return TypedResults.Problem(
                title: "Unsupported content type.",
                detail: "Send API writes as JSON (Content-Type: application/json).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        return await next(context);
    }
}

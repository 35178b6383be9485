using Hospitality.Web.Staff.Screens;
using Microsoft.AspNetCore.Http;

namespace Hospitality.Tests.Staff;

public class DisplayTokenPresentationTests
{
    private static HttpRequest Request(string path, string query = "", string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return context.Request;
    }

    [Fact]
    public void A_bearer_header_presents_a_token_on_any_path()
    {
        Assert.Equal("abc", DisplayTokenAuthenticationHandler.PresentedToken(Request("/api/locations", authorization: "Bearer abc")));
    }

    [Fact]
    public void The_access_token_query_presents_a_token_for_hubs_only()
    {
        Assert.Equal("abc", DisplayTokenAuthenticationHandler.PresentedToken(Request("/hubs/board", "?access_token=abc")));
        Assert.Null(DisplayTokenAuthenticationHandler.PresentedToken(Request("/api/locations", "?access_token=abc")));
        Assert.Null(DisplayTokenAuthenticationHandler.PresentedToken(Request("/hubsx", "?access_token=abc")));
    }

    [Fact]
    public void A_request_without_a_token_presents_none_so_the_cookie_applies()
    {
        Assert.Null(DisplayTokenAuthenticationHandler.PresentedToken(Request("/hubs/board")));
        Assert.Null(DisplayTokenAuthenticationHandler.PresentedToken(Request("/api/locations", authorization: "Basic dXNlcjpwYXNz")));
    }
}

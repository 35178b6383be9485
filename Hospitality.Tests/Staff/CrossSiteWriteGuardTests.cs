using Hospitality.Web.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospitality.Tests.Staff;

public class CrossSiteWriteGuardTests
{
    private static async Task<object?> SendAsync(string method, string? contentType, string? authorization = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = "/api/anything";
        http.Request.ContentType = contentType;
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        var context = new DefaultEndpointFilterInvocationContext(http);
        return await new CrossSiteWriteGuard().InvokeAsync(context, _ => ValueTask.FromResult<object?>("handled"));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task A_cookie_borne_post_that_a_cross_site_form_could_send_is_refused(string? contentType)
    {
        var result = await SendAsync("POST", contentType);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, Assert.IsType<ProblemHttpResult>(result).StatusCode);
    }

    [Theory]
    [InlineData("POST", "application/json")]
    [InlineData("POST", "application/problem+json; charset=utf-8")]
    [InlineData("DELETE", null)]
    [InlineData("GET", null)]
    public async Task Json_posts_and_methods_a_form_cannot_send_pass(string method, string? contentType)
    {
        Assert.Equal("handled", await SendAsync(method, contentType));
    }

    [Fact]
    public async Task A_bearer_post_is_not_cookie_borne_and_passes()
    {
        Assert.Equal("handled", await SendAsync("POST", "text/plain", authorization: "Bearer t"));
    }
}

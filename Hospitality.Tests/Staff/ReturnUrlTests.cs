using Hospitality.Web.Staff.Account;

namespace Hospitality.Tests.Staff;

public class ReturnUrlTests
{
    [Theory]
    [InlineData("/venue/screens?location=bar", "/venue/screens?location=bar")]
    [InlineData("venue/screens", "/venue/screens")]
    [InlineData("/board?from=09:00", "/board?from=09:00")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    public void A_path_of_this_site_is_where_sign_in_returns(string? returnUrl, string expected)
    {
        Assert.Equal(expected, Login.LocalReturnUrl(returnUrl));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public void Anything_that_could_leave_the_site_returns_home(string returnUrl)
    {
        Assert.Equal("/", Login.LocalReturnUrl(returnUrl));
    }
}

using Hospitality.Domain;
using Hospitality.Domain.Tenancy;

namespace Hospitality.Tests.Tenancy;

public class DisplayTokenTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Location Bar = new("bar", "t1", "Bar", LocationKind.Lounge);
    private static readonly StaffActor Manager = new("t1", "m1", "Mia", StaffRole.Manager);

    private static DisplayTokens.Issue Issue(StaffActor by, string label = "Bar screen") =>
        new("tok1", label, DisplayTokenSecret.Hash("secret"), by, T0);

    private static DisplayToken Issued() => DisplayToken.Create(DisplayTokens.Decide(Bar, Issue(Manager)));

    [Theory]
    [InlineData(StaffRole.Admin)]
    [InlineData(StaffRole.Manager)]
    public void An_admin_or_manager_issues_a_token_for_a_location_of_their_tenant(StaffRole role)
    {
        var e = DisplayTokens.Decide(Bar, Issue(Manager with { Role = role }, label: "  Bar screen "));

        Assert.Equal(new DisplayTokenIssued("tok1", "t1", "bar", "Bar screen", DisplayTokenSecret.Hash("secret"), "Mia", T0), e);
    }

    [Theory]
    [InlineData(StaffRole.Staff)]
    [InlineData(StaffRole.Viewer)]
    public void Staff_and_viewers_cannot_issue_tokens(StaffRole role)
    {
        var error = Assert.Throws<DomainException>(() => DisplayTokens.Decide(Bar, Issue(Manager with { Role = role })));

        Assert.Equal("Only an Admin or a Manager can issue display tokens.", error.Message);
    }

    [Fact]
    public void A_manager_of_another_tenant_cannot_issue_a_token()
    {
        Assert.Throws<DomainException>(() => DisplayTokens.Decide(Bar, Issue(Manager with { TenantId = "t2" })));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_token_needs_a_label(string label)
    {
        var error = Assert.Throws<DomainException>(() => DisplayTokens.Decide(Bar, Issue(Manager, label)));

        Assert.Contains("needs a label", error.Message);
    }

    [Fact]
    public void A_label_longer_than_sixty_characters_is_refused()
    {
        Assert.Throws<DomainException>(() => DisplayTokens.Decide(Bar, Issue(Manager, new string('x', 61))));
    }

    [Fact]
    public void A_manager_revokes_a_token_of_their_tenant()
    {
        var token = Issued();

        var e = DisplayTokens.Decide(token, new DisplayTokens.Revoke(Manager, T0.AddHours(1)));

        Assert.Equal(new DisplayTokenRevoked("tok1", "t1", "Mia", T0.AddHours(1)), e);
        Assert.True(token.Apply(e!).IsRevoked);
    }

    [Fact]
    public void Revoking_an_already_revoked_token_changes_nothing()
    {
        var token = Issued();
        var revoked = token.Apply(DisplayTokens.Decide(token, new DisplayTokens.Revoke(Manager, T0.AddHours(1)))!);

        var e = DisplayTokens.Decide(revoked, new DisplayTokens.Revoke(Manager, T0.AddHours(2)));

        Assert.Null(e);
    }

    [Theory]
    [InlineData(StaffRole.Staff)]
    [InlineData(StaffRole.Viewer)]
    public void Staff_and_viewers_cannot_revoke_tokens(StaffRole role)
    {
        var error = Assert.Throws<DomainException>(() =>
            DisplayTokens.Decide(Issued(), new DisplayTokens.Revoke(Manager with { Role = role }, T0)));

        Assert.Equal("Only an Admin or a Manager can revoke display tokens.", error.Message);
    }

    [Fact]
    public void A_manager_of_another_tenant_cannot_revoke_a_token()
    {
        Assert.Throws<DomainException>(() =>
            DisplayTokens.Decide(Issued(), new DisplayTokens.Revoke(Manager with { TenantId = "t2" }, T0)));
    }
}

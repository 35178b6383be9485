using Hospitality.Domain.Tenancy;

namespace Hospitality.Tests.Tenancy;

public class DisplayTokenSecretTests
{
    [Fact]
    public void A_new_token_parses_back_to_its_tenant_id_and_secret()
    {
        var token = DisplayTokenSecret.New("acme");

        Assert.True(DisplayTokenSecret.TryParse(token.ToString(), out var parsed));
        Assert.Equal(token, parsed);
        Assert.Equal("acme", parsed.TenantId);
    }

    [Fact]
    public void Two_new_tokens_have_different_ids_and_secrets()
    {
        var a = DisplayTokenSecret.New("acme");
        var b = DisplayTokenSecret.New("acme");

        Assert.NotEqual(a.TokenId, b.TokenId);
        Assert.NotEqual(a.Secret, b.Secret);
    }

    [Fact]
    public void The_stored_hash_matches_only_its_own_secret_and_is_not_the_secret()
    {
        var token = DisplayTokenSecret.New("acme");
        var hash = DisplayTokenSecret.Hash(token.Secret);

        Assert.True(DisplayTokenSecret.Matches(token.Secret, hash));
        Assert.False(DisplayTokenSecret.Matches(DisplayTokenSecret.New("acme").Secret, hash));
        Assert.DoesNotContain(token.Secret, hash);
        Assert.Equal(64, hash.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("acme")]
    [InlineData("acme.0123456789abcdef0123456789abcdef")]
    [InlineData("_system.0123456789abcdef0123456789abcdef.secretsecretsecretsecret")]
    [InlineData("ACME.0123456789abcdef0123456789abcdef.secretsecretsecretsecret")]
    [InlineData("acme.not-a-token-id.secretsecretsecretsecret")]
    [InlineData("acme.0123456789abcdef0123456789abcdef.secret.extra")]
    public void Malformed_tokens_do_not_parse(string? token)
    {
        Assert.False(DisplayTokenSecret.TryParse(token, out _));
    }
}

using Hospitality.Domain.Tenancy;

namespace Hospitality.Tests.Tenancy;

public class SignInTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static readonly StaffAccount Fresh = new("s1", "t1", "ana@example.com", "Ana", StaffRole.Staff,
        "hash", FailedSignIns: 0, LockedUntil: null, Version: 1);

    private static StaffAccount Given(StaffAccount account, params SignIn.Attempt[] attempts) =>
        attempts.Aggregate(account, (state, attempt) => state.Apply(SignIn.Decide(state, attempt)));

    private static SignIn.Attempt Wrong(DateTimeOffset at) => new(PasswordMatches: false, at);
    private static SignIn.Attempt Right(DateTimeOffset at) => new(PasswordMatches: true, at);

    private static SignIn.Attempt[] WrongTimes(int n) =>
        Enumerable.Range(0, n).Select(i => Wrong(T0.AddSeconds(i))).ToArray();

    [Fact]
    public void The_right_password_signs_in()
    {
        var e = SignIn.Decide(Fresh, Right(T0));

        Assert.Equal(new SignInSucceeded("s1", T0), e);
    }

    [Fact]
    public void A_wrong_password_counts_a_failure()
    {
        var account = Given(Fresh, WrongTimes(2));

        var e = SignIn.Decide(account, Wrong(T0.AddMinutes(1)));

        Assert.Equal(new SignInFailed("s1", T0.AddMinutes(1), 3), e);
    }

    [Fact]
    public void The_fifth_consecutive_failure_locks_the_account_for_fifteen_minutes()
    {
        var account = Given(Fresh, WrongTimes(4));
        var at = T0.AddMinutes(1);

        var e = SignIn.Decide(account, Wrong(at));

        Assert.Equal(new StaffAccountLocked("s1", at, at.AddMinutes(15)), e);
        Assert.True(account.Apply(e).IsLockedAt(at.AddMinutes(14)));
    }

    [Fact]
    public void A_locked_account_refuses_even_the_right_password()
    {
        var locked = Given(Fresh, WrongTimes(5));

        var e = SignIn.Decide(locked, Right(T0.AddMinutes(5)));

        Assert.IsType<SignInRefusedWhileLocked>(e);
        Assert.Equal(locked, locked.Apply(e));
    }

    [Fact]
    public void Attempts_while_locked_do_not_extend_the_lock()
    {
        var locked = Given(Fresh, WrongTimes(5));
        var until = locked.LockedUntil;

        var after = Given(locked, Wrong(T0.AddMinutes(10)), Wrong(T0.AddMinutes(14)));

        Assert.Equal(until, after.LockedUntil);
    }

    [Fact]
    public void The_lock_expires_after_fifteen_minutes_and_the_right_password_signs_in_again()
    {
        var locked = Given(Fresh, WrongTimes(5));
        var lockedAt = T0.AddSeconds(4);

        var e = SignIn.Decide(locked, Right(lockedAt.AddMinutes(15)));

        Assert.IsType<SignInSucceeded>(e);
        Assert.Equal(Fresh, locked.Apply(e));
    }

    [Fact]
    public void After_a_lock_expires_a_single_wrong_password_does_not_lock_again()
    {
        var locked = Given(Fresh, WrongTimes(5));

        var e = SignIn.Decide(locked, Wrong(T0.AddMinutes(20)));

        Assert.Equal(new SignInFailed("s1", T0.AddMinutes(20), 1), e);
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        var account = Given(Fresh, Wrong(T0), Wrong(T0), Wrong(T0), Wrong(T0), Right(T0));

        var e = SignIn.Decide(account, Wrong(T0.AddSeconds(1)));

        Assert.Equal(new SignInFailed("s1", T0.AddSeconds(1), 1), e);
    }
}

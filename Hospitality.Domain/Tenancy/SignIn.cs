namespace Hospitality.Domain.Tenancy;

/// <summary>What happened when someone tried to sign in to a staff account.</summary>
public abstract record SignInAttempted(string StaffId, DateTimeOffset At);

public sealed record SignInSucceeded(string StaffId, DateTimeOffset At) : SignInAttempted(StaffId, At);

/// <summary>A wrong password that did not (yet) lock the account.</summary>
public sealed record SignInFailed(string StaffId, DateTimeOffset At, int ConsecutiveFailures) : SignInAttempted(StaffId, At);

/// <summary>The wrong password that reached <see cref="SignIn.FailuresBeforeLock"/>: the account is locked.</summary>
public sealed record StaffAccountLocked(string StaffId, DateTimeOffset At, DateTimeOffset LockedUntil) : SignInAttempted(StaffId, At);

/// <summary>An attempt while locked; refused whatever the password, and it does not extend the lock.</summary>
public sealed record SignInRefusedWhileLocked(string StaffId, DateTimeOffset At, DateTimeOffset LockedUntil) : SignInAttempted(StaffId, At);

/// <summary>The sign-in decision: success, wrong password, or locked.</summary>
public static class SignIn
{
    public const int FailuresBeforeLock = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    /// <summary>One attempt. The password was checked by the caller (hashing is not a decision); time comes in here.</summary>
    public sealed record Attempt(bool PasswordMatches, DateTimeOffset At);

    public static SignInAttempted Decide(StaffAccount account, Attempt attempt)
    {
        if (account.IsLockedAt(attempt.At))
            return new SignInRefusedWhileLocked(account.Id, attempt.At, account.LockedUntil!.Value);

        if (attempt.PasswordMatches)
            return new SignInSucceeded(account.Id, attempt.At);

        // A lock that has run out no longer counts: failures before it were reset when it was set.
        var failures = account.FailedSignIns + 1;
        return failures >= FailuresBeforeLock
            ? new StaffAccountLocked(account.Id, attempt.At, attempt.At + LockDuration)
            : new SignInFailed(account.Id, attempt.At, failures);
    }
}

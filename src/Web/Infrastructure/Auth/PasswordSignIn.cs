using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Infrastructure.Auth;

public enum SignInStatus { Succeeded, Failed, Disabled, Throttled }

public sealed record SignInOutcome(SignInStatus Status, AppUser? User = null, TimeSpan RetryAfter = default)
{
    /// Whole seconds to wait, at least one, for the Retry-After header and the message.
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// The one password check behind the sign-in page and POST /api/v1/auth/token. A wrong password answers the same for
/// a real and an unknown user name, in words and in time: an unknown name is looked up the same way and its password
/// is verified against a dummy hash made with the same hasher, so both cost one query and one PBKDF2. Failures feed
/// <see cref="SignInThrottle"/> per (name, client address); the account itself is never locked.
public sealed class PasswordSignIn(UserManager<AppUser> users, SignInThrottle throttle, DummyPasswordHash dummy)
{
    public async Task<SignInOutcome> CheckAsync(string userName, string password, string client)
    {
        var busy = throttle.TakeAddressAttempt(client);
        if (busy > TimeSpan.Zero) return new SignInOutcome(SignInStatus.Throttled, RetryAfter: busy);
        var wait = throttle.WaitFor(userName, client);
        if (wait > TimeSpan.Zero) return new SignInOutcome(SignInStatus.Throttled, RetryAfter: wait);

        var user = await users.FindByNameAsync(userName.Trim());
        bool passwordOk;
        if (user is null)
        {
            dummy.Verify(users.PasswordHasher, password);
            passwordOk = false;
        }
        else
        {
            passwordOk = await users.CheckPasswordAsync(user, password);
        }
        if (!passwordOk)
        {
            throttle.Failed(userName, client);
            return new SignInOutcome(SignInStatus.Failed);
        }
        throttle.Succeeded(userName, client);
        return user!.IsDisabled ? new SignInOutcome(SignInStatus.Disabled) : new SignInOutcome(SignInStatus.Succeeded, user);
    }
}

/// A hash of a random password, made once with Identity's hasher and options (same algorithm and iteration count as
/// real hashes), to spend the same time on an unknown user name as on a real one. It is verified with the request's
/// own hasher, the one that verifies real passwords.
public sealed class DummyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private static readonly AppUser s_user = new() { UserName = "dummy" };
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<AppUser>(options)
        .HashPassword(s_user, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public void Verify(IPasswordHasher<AppUser> hasher, string password) => hasher.VerifyHashedPassword(s_user, _hash.Value, password);
}

using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Infrastructure.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// Base64 key of at least 32 bytes for signing API tokens. Empty: a key is generated once and kept in
    /// the data folder, so tokens survive restarts.
    public string SigningKey { get; set; } = "";

    /// A file holding the base64 signing key (mode 600), read when SigningKey is empty: a secret kept out of the
    /// settings, the same file on every instance. On PostgreSQL one of the two is required (see SigningKeyStore).
    public string SigningKeyFile { get; set; } = "";

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 60;

    [Range(1, 1000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// Failed passwords from one client address for one user name that cost nothing; each further one doubles the
    /// wait before that pair may try again (1 s, 2 s, 4 s …). See SignInThrottle.
    [Range(0, 100)]
    public int SignInFreeFailures { get; set; } = 3;

    /// Longest wait between two tries of a throttled pair, in seconds.
    [Range(1, 3600)]
    public int SignInMaxDelaySeconds { get; set; } = 60;

    /// Failed passwords after which the (user name, client address) pair is refused for SignInBlockMinutes.
    [Range(1, 1000)]
    public int SignInFailuresPerPair { get; set; } = 10;

    [Range(1, 24 * 60)]
    public int SignInBlockMinutes { get; set; } = 15;

    [Range(8, 128)]
    public int PasswordMinLength { get; set; } = 10;
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// Seed the generated network and one account per role. Turn off in production.
    public bool Enabled { get; set; } = true;

    /// With demo data on, also seed demo titles, copies and rotating sets in the provincial library.
    public bool Catalog { get; set; } = true;

    /// The password printed in the README. Outside the Development environment the app refuses to start with it
    /// while demo data is on (see DemoPasswordCheck): a published password must not guard a real server.
    public const string DefaultPassword = "Bookpost@2026";

    /// The user names of the demo accounts; with demo data off they are disabled at start.
    public static readonly IReadOnlyList<string> AccountNames =
        ["demo-admin", "demo-monitor", "demo-library", "demo-postoffice", "demo-district", "demo-point", "demo-commune"];

    [Required, MinLength(10)]
    public string Password { get; set; } = DefaultPassword;
}

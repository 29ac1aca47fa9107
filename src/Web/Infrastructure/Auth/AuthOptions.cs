using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Infrastructure.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// Base64 key of at least 32 bytes for signing API tokens. Empty: a key is generated once and kept in
    /// the data folder, so tokens survive restarts.
    public string SigningKey { get; set; } = "";

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 60;

    [Range(1, 1000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

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

    [Required, MinLength(10)]
    public string Password { get; set; } = "Bookpost@2026";
}

using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Features.Planning.Reminders;

/// How the daily digest is sent (section "Mail"). Without <see cref="Host"/> no e-mail is sent at all, and nothing fails:
/// the inbox in the app says the same things.
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// The SMTP server; empty turns e-mail off.
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// How the connection is secured: Auto (STARTTLS when offered, TLS on port 465), None, SslOnConnect, StartTls or
    /// StartTlsWhenAvailable, as MailKit names them.
    public string SecureSocket { get; set; } = "Auto";

    /// Sign-in at the server, when it asks for one.
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// The sender, e.g. "Bookpost Thanh Hóa &lt;noreply@bookpost.example&gt;".
    public string From { get; set; } = "Bookpost <noreply@bookpost.example>";

    /// The hour (Vietnam time, 0–23) after which the day's digests go out.
    [Range(0, 23)]
    public int SendAt { get; set; } = 7;

    /// The address the links in the digest start with, e.g. "https://bookpost.thanhhoa.gov.vn".
    public string? BaseUrl { get; set; }

    /// Whether the background service sends once a day by itself; off, the digests go only when the office asks for them
    /// (POST /api/v1/reminders/digest).
    public bool Daily { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

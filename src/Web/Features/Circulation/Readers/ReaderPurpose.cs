using System.Globalization;
using Bookpost.Web.Infrastructure.Privacy;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

/// What a reader agrees to when registering (Personal Data Protection Law 2025, Decree 13/2023): what is kept, why, for
/// how long, and the reader's rights. The text is in strings.json under a versioned key; a registration stores the
/// key and the Vietnamese text as shown, so a later change of wording does not rewrite what a reader agreed to.
public sealed class ReaderPurpose(IOptions<PrivacyOptions> privacy)
{
    /// The version in force. A new wording gets a new key ("Privacy.ReaderPurpose.2027-01") and this changes with it.
    public const string Version = "2026-01";

    private static readonly CultureInfo s_vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// The purpose text in Vietnamese, as the reader reads it and as it is stored.
    public string Current => Format(s_vietnamese);

    /// The same in the given language (the English translation for the operator's page).
    public string Format(CultureInfo culture) =>
        string.Format(culture, Text.Get($"Privacy.ReaderPurpose.{Version}", culture), privacy.Value.ReaderRetentionYears);
}

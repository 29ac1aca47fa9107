namespace Bookpost.Web.Features.Portal.Holds;

/// Vietnamese mobile numbers as people type them ("0912 345 678", "+84 912.345.678", "84-912-345-678"), kept in one
/// form: 0 and nine digits. Only the mobile prefixes in use since the 2018 renumbering are taken (03x Viettel, 05x
/// Vietnamobile/Gmobile, 07x MobiFone, 08x VinaPhone and others, 09x): a landline (02x) cannot receive the point's call
/// on a basic phone's SMS, and a typo is refused here rather than found by the operator.
public static class MobileNumber
{
    /// The normalised number, or null when the text is not a Vietnamese mobile number.
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32) return null;
        var digits = new System.Text.StringBuilder(12);
        var trimmed = text.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (c == '+' && i == 0) continue;
            else if (c is not (' ' or '.' or '-')) return null;
        }
        var n = digits.ToString();
        var international = trimmed[0] == '+';
        if (international && !n.StartsWith("84", StringComparison.Ordinal)) return null;
        if (n.StartsWith("84", StringComparison.Ordinal) && (international || n.Length == 11))
            n = n[2..] is var rest && rest.StartsWith('0') ? rest : "0" + rest;
        return n.Length == 10 && n[0] == '0' && ValidPrefix(n[1], n[2]) ? n : null;
    }

    private static bool ValidPrefix(char a, char b) => a switch
    {
        '3' => b is >= '2' and <= '9',
        '5' => b is '2' or '5' or '6' or '8' or '9',
        '7' => b is '0' or (>= '6' and <= '9'),
        '8' => b is >= '1' and <= '9',
        '9' => b is (>= '0' and <= '4') or (>= '6' and <= '9'),
        _ => false,
    };

    /// The number as a public page may show it: the first two and the last three digits ("09•• ••• 678").
    public static string Mask(string normalised) =>
        normalised.Length == 10 ? $"{normalised[..2]}•• ••• {normalised[7..]}" : "•••";

    /// "0912 345 678", as people read a number aloud; anything not normalised is shown as it is.
    public static string Display(string number) =>
        number.Length == 10 && number.All(char.IsAsciiDigit) ? $"{number[..4]} {number[4..7]} {number[7..]}" : number;
}

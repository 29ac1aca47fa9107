namespace Bookpost.Web.Features.Catalog;

/// ISBN checks: a value is accepted when its check digit is right, and is stored as ISBN-13.
public static class Isbn
{
    /// The ISBN-13 of an ISBN-10 or ISBN-13 written with or without hyphens (and with MARC's qualifiers after it,
    /// such as "0394800168 (pbk.)"), or null when it is not a valid ISBN.
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        Span<char> digits = stackalloc char[13];
        var n = 0;
        foreach (var c in text)
        {
            if (c is '-' or ' ' && n > 0 && n < 13) continue;
            if (char.IsAsciiDigit(c) || (c is 'X' or 'x' && n == 9))
            {
                if (n == 13) return null;
                digits[n++] = char.ToUpperInvariant(c);
                continue;
            }
            if (n > 0) break; // the qualifier after the number
        }
        return n switch
        {
            10 when Valid10(digits[..10]) => To13(digits[..10]),
            13 when Valid13(digits[..13]) => new string(digits[..13]),
            _ => null,
        };
    }

    private static bool Valid10(ReadOnlySpan<char> d)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var v = d[i] == 'X' ? (i == 9 ? 10 : -1) : d[i] - '0';
            if (v < 0) return false;
            sum += v * (10 - i);
        }
        return sum % 11 == 0;
    }

    private static bool Valid13(ReadOnlySpan<char> d)
    {
        if (d.Contains('X')) return false;
        var sum = 0;
        for (var i = 0; i < 13; i++) sum += (d[i] - '0') * (i % 2 == 0 ? 1 : 3);
        return sum % 10 == 0;
    }

    private static string To13(ReadOnlySpan<char> isbn10)
    {
        Span<char> d = stackalloc char[13];
        "978".CopyTo(d);
        isbn10[..9].CopyTo(d[3..]);
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (d[i] - '0') * (i % 2 == 0 ? 1 : 3);
        d[12] = (char)('0' + (10 - sum % 10) % 10);
        return new string(d);
    }
}

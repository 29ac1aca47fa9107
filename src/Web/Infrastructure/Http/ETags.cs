using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Bookpost.Web.Infrastructure;

/// Entity versions travel as strong ETags ("7"); PUT and PATCH must send the one they read in If-Match.
public static class ETags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// Null when the header is missing or unreadable, so the caller can answer 428 instead of guessing.
    public static long? Parse(StringValues ifMatch)
    {
        var raw = ifMatch.ToString().Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}

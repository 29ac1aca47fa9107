using System.Globalization;

namespace Bookpost.Web.Infrastructure.Http;

/// A list of ids in a query string ("3,5, 8"), read the same way by every endpoint that takes one.
public static class IdList
{
    /// The ids in the order given, each once; null for no list. False (and no ids) when an entry is not a positive
    /// whole number, so the endpoint answers a field error instead of silently dropping it.
    public static bool TryParse(string? text, out IReadOnlyList<int>? ids)
    {
        ids = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0) return false;
            if (!list.Contains(id)) list.Add(id);
        }
        ids = list;
        return true;
    }
}

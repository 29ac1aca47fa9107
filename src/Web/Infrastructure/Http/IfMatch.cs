using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Infrastructure;

/// The If-Match header of an edit, bound once for every endpoint that needs it: `[AsParameters] IfMatch ifMatch`.
public sealed class IfMatch
{
    [FromHeader(Name = "If-Match")]
    public string? Header { get; init; }

    /// The version the client read; null when the header is missing or unreadable (the handler answers 428). A weak
    /// tag (W/"7") never matches: If-Match compares strongly (RFC 9110 §13.1.1), so it reads as a version no row has
    /// and the handler answers 412.
    public long? Version => Header is { } h && h.TrimStart().StartsWith("W/", StringComparison.Ordinal)
        ? NoVersion
        : ETags.Parse(Header);

    /// A version no row ever has (versions start at 0 or 1 and only grow).
    public const long NoVersion = -1;
}

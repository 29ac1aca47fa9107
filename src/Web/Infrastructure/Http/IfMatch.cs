using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Infrastructure;

/// The If-Match header of an edit, bound once for every endpoint that needs it: `[AsParameters] IfMatch ifMatch`.
public sealed class IfMatch
{
    [FromHeader(Name = "If-Match")]
    public string? Header { get; init; }

    /// The version the client read; null when the header is missing or unreadable (the handler answers 428).
    public long? Version => ETags.Parse(Header);
}

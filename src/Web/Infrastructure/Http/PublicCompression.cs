using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Bookpost.Web.Infrastructure.Http;

/// Brotli or gzip for the answers that hold no secret: static files and anonymous answers that are not marked
/// uncacheable. A signed-in user's page carries an antiforgery token (and personal data) and often reflects what was
/// typed, which is what BREACH needs to guess a secret from the compressed size over HTTPS; those answers go out
/// uncompressed. So does an anonymous page with a form (the antiforgery token marks it "no-cache, no-store").
/// docs/architecture.md "Portal (issue 21): speed".
public sealed class PublicCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    /// Text only: images other than SVG, fonts and archives are compressed already.
    public static readonly string[] MimeTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "text/plain", "image/svg+xml",
        "application/xml", "text/xml", "application/json", "application/problem+json", "text/json",
        "application/manifest+json",
    ];

    public override bool ShouldCompressResponse(HttpContext context)
    {
        var response = context.Response;
        if (response.StatusCode is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified) return false;
        if (!PublicPages.IsAnonymous(context)) return false;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)) return false;
        return base.ShouldCompressResponse(context);
    }

    public override ICompressionProvider? GetCompressionProvider(HttpContext context)
    {
        var provider = base.GetCompressionProvider(context);
        // A strong ETag promises the same bytes; the compressed bytes differ from the page's, so the validator goes out
        // weak (If-None-Match compares weakly, so it still matches the page: PublicValidators).
        if (provider is not null && context.Response.Headers.ETag.ToString() is { Length: > 0 } etag
            && !etag.StartsWith("W/", StringComparison.Ordinal))
            context.Response.Headers.ETag = "W/" + etag;
        return provider;
    }
}

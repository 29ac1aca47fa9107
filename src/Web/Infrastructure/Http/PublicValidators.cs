using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Bookpost.Web.Infrastructure.Http;

/// Browser caching of public pages: an anonymous 200 of a public page gets a strong ETag (a hash of its body) and
/// "Cache-Control: public, max-age=N" (N = Portal:CacheSeconds, the output cache's lifetime), and a request whose
/// If-None-Match holds that ETag gets 304 with no body, whether the page was rendered or came from the output cache.
/// Two middlewares: <see cref="UsePublicValidators"/> after UseOutputCache (on a miss it hashes the rendered page, and
/// the headers are stored with the cached copy, so a hit is not hashed again), and <see cref="UsePublicNotModified"/>
/// before it (it compares If-None-Match with whichever answer comes back and withholds the body).
public static class PublicValidators
{
    /// A year: a file addressed with its content's hash (asp-append-version's ?v=) never changes under that address.
    public const string VersionedStaticCacheControl = "public, max-age=31536000, immutable";

    /// Static files asked for with ?v= (asp-append-version) are kept for a year; others keep the default (revalidate).
    public static void VersionedStaticFile(StaticFileResponseContext file)
    {
        if (file.Context.Request.Query.ContainsKey("v"))
            file.Context.Response.Headers.CacheControl = VersionedStaticCacheControl;
    }

    /// The Cache-Control of an anonymous public page.
    public static string CacheControl => PublicPages.CacheSeconds > 0 ? $"public, max-age={PublicPages.CacheSeconds}" : "no-cache";

    /// After UseOutputCache: hashes an anonymous public page as it is rendered and sets its validators.
    public static IApplicationBuilder UsePublicValidators(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!HttpMethods.IsGet(http.Request.Method) || !PublicPages.IsAnonymous(http) || !PublicPages.IsPublic(http))
        {
            await next(http);
            return;
        }
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var response = http.Response;
        // Only a plain public answer: not one that sets a cookie (a confirmation read from TempData), has its own cache
        // rule (a form's antiforgery token says no-store) or validator, or is not a 200.
        if (response.StatusCode == StatusCodes.Status200OK && !response.HasStarted
            && !response.Headers.ContainsKey(HeaderNames.SetCookie) && !response.Headers.ContainsKey(HeaderNames.CacheControl)
            && !response.Headers.ContainsKey(HeaderNames.ETag))
        {
            response.Headers.ETag = ETagOf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            response.Headers.CacheControl = CacheControl;
            // The language comes from a cookie or Accept-Language: a cache must not give one visitor's language to another.
            response.Headers.Append(HeaderNames.Vary, "Cookie, Accept-Language");
        }
        if (!response.HasStarted && response.ContentLength is null) response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    });

    /// A strong validator: the first 128 bits of the body's SHA-256, base64url.
    public static string ETagOf(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return "\"" + Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(hash[..16]) + "\"";
    }

    /// Before UseOutputCache: answers 304 when the ETag of the public page coming back matches If-None-Match.
    public static IApplicationBuilder UsePublicNotModified(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || !PublicPages.IsAnonymous(http) || !PublicPages.IsPublic(http))
        {
            await next(http);
            return;
        }
        var inner = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var body = new NotModifiedBody(http, inner, ifNoneMatch);
        http.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(http);
            await body.FinishAsync();
        }
        finally
        {
            http.Features.Set(inner);
        }
    });

    /// Whether an ETag matches If-None-Match ("*" or one of its tags, compared weakly as RFC 9110 says for it).
    public static bool Matches(StringValues ifNoneMatch, string? etag)
    {
        if (string.IsNullOrEmpty(etag) || !EntityTagHeaderValue.TryParse(etag, out var current)) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
        foreach (var tag in tags)
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false)) return true;
        return false;
    }

    /// The response body while a 304 may be due: at the first write (or start, or end) it looks at the answer's status
    /// and ETag once; on a match it turns the answer into a 304 and drops the body, otherwise it passes everything on.
    private sealed class NotModifiedBody(HttpContext http, IHttpResponseBodyFeature inner, StringValues ifNoneMatch)
        : Stream, IHttpResponseBodyFeature
    {
        private bool _decided;
        private bool _drop;
        private PipeWriter? _writer;

        public Stream Stream => this;
        public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

        /// After the app: decides (an answer with no body at all) and sends on what the pipe writer still holds.
        public async Task FinishAsync()
        {
            Decide();
            if (_writer is not null) await _writer.FlushAsync();
        }

        private void Decide()
        {
            if (_decided) return;
            _decided = true;
            var response = http.Response;
            if (response.HasStarted || response.StatusCode != StatusCodes.Status200OK
                || !Matches(ifNoneMatch, response.Headers.ETag.ToString())) return;
            _drop = true;
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.Remove(HeaderNames.ContentType);
        }

        public void DisableBuffering() => inner.DisableBuffering();

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            Decide();
            await inner.StartAsync(cancellationToken);
        }

        public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
        {
            Decide();
            if (!_drop) await inner.SendFileAsync(path, offset, count, cancellationToken);
        }

        public async Task CompleteAsync()
        {
            Decide();
            if (_writer is not null) await _writer.FlushAsync();
            await inner.CompleteAsync();
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Flush()
        {
            Decide();
            if (!_drop) inner.Stream.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Decide();
            return _drop ? Task.CompletedTask : inner.Stream.FlushAsync(cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Decide();
            if (!_drop) inner.Stream.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Decide();
            return _drop ? ValueTask.CompletedTask : inner.Stream.WriteAsync(buffer, cancellationToken);
        }
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Infrastructure.Http;

/// A stored answer to a POST sent with an Idempotency-Key: a replay of the same request gets the same answer again
/// instead of doing the work twice; the same key with a different request is refused.
[Audit.NotAudited]
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Route { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(r => r.UserId).HasMaxLength(64);
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.Route).HasMaxLength(300);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.Property(r => r.Location).HasMaxLength(500);
        b.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    }
}

/// Marks an endpoint whose POST honours Idempotency-Key.
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute;

public static class IdempotencyExtensions
{
    public const string Header = "Idempotency-Key";
    public const string FormField = "idempotencyKey";

    /// The endpoint replays its stored answer for a repeated Idempotency-Key (per user, kept for a week).
    public static TBuilder AcceptsIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentAttribute());

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}

/// Runs after authentication. For a marked endpoint and a request that carries the header: answers a replay from the
/// store; otherwise runs the endpoint with its body captured, with a claim on the key that commits with the endpoint's
/// save of its work, and stores any answer below 500 in that claim before sending it. Two requests with one key at the
/// same moment: the unique index lets one commit its work and claim; the other's save is rolled back whole, and it
/// answers what the first stored (or 409 while that is not there yet).
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(7);

    /// Keys belong to a user, or to a machine that signs in with its own token (a kiosk: "kiosk:ID").
    private static string? OwnerOf(System.Security.Claims.ClaimsPrincipal user) => UserScope.FromPrincipal(user)?.UserId
        ?? (user.Identity?.IsAuthenticated == true && user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id
            && id.StartsWith("kiosk:", StringComparison.Ordinal) ? id : null);
    private const int MaxStoredBody = 256 * 1024;

    public async Task InvokeAsync(HttpContext http, AppDbContext db, TimeProvider clock)
    {
        // PUT too, for an edit marked so (a return's figures, issue 18): a replay answers the first save, not 412.
        if (!(HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || OwnerOf(http.User) is not { } owner)
        {
            await next(http);
            return;
        }
        var key = http.Request.Headers[IdempotencyExtensions.Header].ToString().Trim();
        if (key.Length == 0 && http.Request.HasFormContentType)
        {
            // A page's form carries its key in a hidden field, so a double tap or a resent form counts once.
            http.Request.EnableBuffering();
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            key = form[IdempotencyExtensions.FormField].ToString().Trim();
            http.Request.Body.Position = 0;
        }
        if (key.Length == 0)
        {
            await next(http);
            return;
        }
        if (key.Length > 100)
        {
            await Results.Problem(statusCode: 400, title: "Idempotency-Key quá dài (tối đa 100 ký tự) / Idempotency-Key is too long")
                .ExecuteAsync(http);
            return;
        }
        http.Request.EnableBuffering();
        var route = $"{http.Request.Method} {http.Request.Path}";
        byte[] content;
        if (http.Request.HasFormContentType)
        {
            // A form's antiforgery token changes with every rendering of the page; the request is the same without it.
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            content = System.Text.Encoding.UTF8.GetBytes(string.Join('&', form.Where(f => f.Key != "__RequestVerificationToken")
                .OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")));
        }
        else
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            content = buffer.ToArray();
        }
        http.Request.Body.Position = 0;
        var hash = Convert.ToHexString(SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(route), .. content]));
        var now = clock.GetUtcNow().UtcDateTime;
        if (await ReplayAsync(http, db, owner, key, hash, now)) return;

        // The claim goes into the endpoint's save of its work (AppDbContext.IdempotencyClaim): both commit or neither.
        var claim = new IdempotencyRecord { UserId = owner, Key = key, Route = route, RequestHash = hash, CreatedAt = now };
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            db.IdempotencyClaim = claim;
            db.IdempotencyClaimSaved = false;
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
            db.IdempotencyClaim = null;
        }
        var claimed = db.IdempotencyClaimSaved;
        db.IdempotencyClaimSaved = false;
        if (!claimed)
        {
            // Either nothing was saved (a refusal), or the work's save lost the key to a twin of this request that
            // committed first and was rolled back whole: then the twin's answer is the one, whatever this one said.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(http, db, owner, key, hash, now, discard: true)) return;
        }
        if (http.Response.StatusCode < 500 && captured.Length <= MaxStoredBody)
        {
            await RemoveExpiredAsync(db, now, http.RequestAborted);
            db.ChangeTracker.Clear();
            (claim.StatusCode, claim.ContentType, claim.Body) = (http.Response.StatusCode, http.Response.ContentType, captured.ToArray());
            claim.Location = http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
            // With the work saved, the claim is there to be completed; with nothing saved (a refusal), it is new.
            if (claimed) db.Update(claim);
            else db.Add(claim);
            try
            {
                // Kept even if the client has gone: its replay will want this answer.
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The claim was rolled back with a transaction of the endpoint's own: nothing was done, nothing kept.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                // A twin that was refused too stored its answer first.
                db.ChangeTracker.Clear();
                if (await ReplayAsync(http, db, owner, key, hash, now, discard: true)) return;
                throw;
            }
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    /// Answers from the store if the key is taken: the stored answer for the same request, 422 for another request
    /// with the same key, or 409 when the work is done but its answer is not stored (yet: the twin is storing it,
    /// or the server stopped in between). Whatever the endpoint wrote is dropped with discard.
    private static async Task<bool> ReplayAsync(HttpContext http, AppDbContext db, string owner, string key, string hash, DateTime now,
        bool discard = false)
    {
        var stored = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == owner && r.Key == key && r.CreatedAt > now - Keep, http.RequestAborted);
        if (stored is null) return false;
        if (discard) http.Response.Clear();
        if (stored.RequestHash != hash)
        {
            await Results.Problem(statusCode: 422,
                title: "Idempotency-Key đã dùng cho yêu cầu khác / The key was used for another request").ExecuteAsync(http);
            return true;
        }
        if (stored.StatusCode == 0)
        {
            await Results.Problem(statusCode: 409,
                title: "Yêu cầu này đã được ghi nhận; câu trả lời chưa có / This request was already recorded; its answer is not available")
                .ExecuteAsync(http);
            return true;
        }
        http.Response.StatusCode = stored.StatusCode;
        if (stored.ContentType is not null) http.Response.ContentType = stored.ContentType;
        if (stored.Location is not null) http.Response.Headers.Location = stored.Location;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.Body.WriteAsync(stored.Body, http.RequestAborted);
        return true;
    }

    // Old keys go as new ones come, at most once an hour, so the table stays about a week deep without a delete on
    // every request.
    private static long s_nextCleanup;

    private static async Task RemoveExpiredAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var next = Interlocked.Read(ref s_nextCleanup);
        if (now.Ticks < next || Interlocked.CompareExchange(ref s_nextCleanup, now.AddHours(1).Ticks, next) != next) return;
        await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < now - Keep).ExecuteDeleteAsync(ct);
    }
}

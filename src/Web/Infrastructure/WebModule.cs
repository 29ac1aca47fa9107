using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Infrastructure.Http;
using System.Text.Json.Serialization;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Bookpost.Web.Infrastructure;

/// The cross-cutting web pieces: JSON rules, errors, OpenAPI, health, pages.
public static class WebModule
{
    public static IHostApplicationBuilder AddWebPlatform(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton(TimeProvider.System);
        s.AddOptions<Privacy.PrivacyOptions>().BindConfiguration(Privacy.PrivacyOptions.Section).ValidateDataAnnotations()
            .ValidateOnStart();
        s.ConfigureHttpJsonOptions(o =>
        {
            // Unknown fields are refused rather than silently dropped, and enums travel as names.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // A NUL in any string of a body is a 400 on its field, not a database error (PostgreSQL refuses it).
            o.SerializerOptions.Converters.Add(new NulFreeStringConverter());
        });
        s.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        s.AddExceptionHandler<ProblemExceptionHandler>();
        // A query value of the wrong type (asOf=yesterday) throws in every environment, so the handler above answers it
        // with the parameter's name and the expected form; otherwise only Development said more than an empty 400.
        s.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        s.AddScoped<BrowseAudit>();
        s.AddHealthEndpoints();
        s.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Bookpost API";
                document.Info.Description = "Hệ thống quản lý điểm Bưu điện – Văn hóa xã và thư viện / " +
                    "Post-Culture points and libraries. " +
                    "Lấy token tại POST /api/v1/auth/token rồi gửi header Authorization: Bearer TOKEN.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                };
                document.Components.SecuritySchemes["KioskToken"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Auth.ScopeEndpointExtensions.KioskHeader,
                    Description = "Mã kiosk của một máy tính công cộng / A public computer's kiosk token",
                };
                return Task.CompletedTask;
            });
            // The NUL-refusing string converter hides the type of every string from the schema exporter: put it back
            // ("string", or "null"/"string" when the property may be null).
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
                    schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } or { IsSetNullable: true }
                        ? JsonSchemaType.String | JsonSchemaType.Null
                        : JsonSchemaType.String;
                return Task.CompletedTask;
            });
            // Kiosk operations take the computer's token, not a user's.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Auth.ScopeMetadata>()
                    .FirstOrDefault()?.Rule == Auth.ScopeRule.Kiosk)
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("KioskToken",
                        context.Document)] = [] }];
                return Task.CompletedTask;
            });
        });
        s.AddRazorPages(o =>
        {
            // Pages live in their feature folders; every page needs a sign-in unless it says otherwise.
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            // The public portal (Features/Portal/Pages): anyone, no account.
            o.Conventions.AllowAnonymousToFolder("/Portal/Pages");
            o.Conventions.AuthorizeFolder("/Users", "Admin");
            o.Conventions.AuthorizeFolder("/Audit", "AuditReaders");
        });
        s.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            var forms = o.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.FormValueProviderFactory>().Single();
            var index = o.ValueProviderFactories.IndexOf(forms);
            o.ValueProviderFactories[index] = new Pages.InvariantFormValueProviderFactory();
        });
        s.AddAuthorizationBuilder()
            .AddPolicy("Admin", p => p.RequireRole(nameof(Auth.AppRole.Admin)))
            .AddPolicy("AuditReaders", p => p.RequireRole(nameof(Auth.AppRole.Admin), nameof(Auth.AppRole.Monitor)));
        s.AddAntiforgery(o =>
        {
            o.Cookie.Name = "bookpost.af";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        s.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        // Vietnamese text goes out as text, not as &#x...; entities that triple the page size.
        s.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        s.AddPublicPages(builder.Configuration);
        // A search box's text travels in the address: 8 KB of request line (Kestrel's default) answered a 10,000-letter
        // search (up to 60 KB once Vietnamese letters are percent-encoded) with an empty 414 instead of a page saying
        // what was searched. The searches themselves read the first 200 characters.
        s.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestHeadersTotalSize = 128 * 1024;
            o.Limits.MaxRequestLineSize = 96 * 1024;
        });
        s.AddHostedService<DatabaseStartup>();
        s.AddOperations();
        Operations.Backups.BackupModule.AddBackups(s);
        s.AddPartitions();
        builder.AddMetrics();
        builder.AddProxyHeaders();
        return builder;
    }

    /// A browser asking for a staff page: HTML accepted, and not the API, health, metrics or a public page.
    private static bool WantsStatusPage(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics")
            || Http.PublicPages.IsPublic(http)) return false;
        return http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }

    public static WebApplication UseWebPlatform(this WebApplication app)
    {
        app.UseProxyHeaders();
        app.UseSecurityHeaders();
        // Before the static files and the output cache, so their answers are compressed too (PublicCompression says which).
        app.UseResponseCompression();
        app.UseExceptionHandler();
        // An error without a body: a page in words for a person's browser on a staff page (404 outside one's scope, 403,
        // 400), problem JSON for the API and every other caller. Public pages write their own.
        app.UseWhen(WantsStatusPage, b => b.UseStatusCodePagesWithReExecute("/Account/Status/{0}"));
        app.UseWhen(http => !WantsStatusPage(http), b => b.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UsePublicHome();
        app.UseRouting();
        app.UseInputGuard();
        app.UseRateLimiter();
        app.UseReplicaReads();
        app.UseAuthentication();
        app.UseCookieApiAntiforgery();
        app.UseAuthorization();
        app.UseSearchLimits();
        app.UseIdempotency();
        app.UseAntiforgery();
        // Public pages: 304 on a matching If-None-Match for rendered and cached answers alike (outside the cache), ETag
        // and Cache-Control set as a page is rendered (inside, so they are stored with it). PublicValidators.
        app.UsePublicNotModified();
        app.UseOutputCache();
        app.UsePublicValidators();

        app.MapHealthEndpoints();
        app.MapMetrics();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Bookpost API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            // No fonts from fonts.scalar.com: the policy allows none from elsewhere, and the page tells no third party who reads it.
            .DisableDefaultFonts())
            .AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    /// The site's policy: everything from the app itself, no inline script or style, no framing, forms post only here.
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// The Scalar API reference at /api-docs builds its page with an inline configuration script and inline styles
    /// (Vue components set style attributes), so it needs 'unsafe-inline' for both; it holds no personal data and its
    /// "try it" calls go to this app only (connect-src 'self'). Everything else keeps the strict policy.
    public const string ApiDocsContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// Every response, errors and static files included, carries the CSP, nosniff and the referrer policy; an answer to
    /// a signed-in caller (a page or API answer that may carry personal data) is not stored by the browser or a proxy.
    /// Set when the response starts, so the exception handler's cleared headers and the status-code pages get them too.
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api-docs")
                ? ApiDocsContentSecurityPolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (http.User.Identity?.IsAuthenticated == true)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(http);
    });

    /// Runs the database initialization before the server takes requests (also under the test host).
    private sealed class DatabaseStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => services.InitializeDatabaseAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

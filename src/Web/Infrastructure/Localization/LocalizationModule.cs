using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Bookpost.Web.Infrastructure.Localization;

public static class LocalizationModule
{
    public const string CookieName = ".Bookpost.Culture";

    public static IHostApplicationBuilder AddLocalizationSupport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Text>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = new[] { new CultureInfo("vi-VN"), new CultureInfo("en-US") };
            o.DefaultRequestCulture = new RequestCulture("vi-VN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Pages are Vietnamese unless the user picks English (cookie); the browser's language is not asked,
            // since many phones here are set to English. API clients may send Accept-Language.
            var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider();
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CookieName },
                new CustomRequestCultureProvider(http => http.Request.Path.StartsWithSegments("/api")
                    ? acceptLanguage.DetermineProviderCultureResult(http)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        return builder;
    }
}

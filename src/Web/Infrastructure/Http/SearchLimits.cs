namespace Bookpost.Web.Infrastructure.Http;

/// A search box of the API takes at most <see cref="TextFolding.MaxTerms"/> words: more is a 400 with a field error on
/// the parameter, for every endpoint at once, before a handler builds a query that the database refuses.
public static class SearchLimits
{
    /// The query parameters that are searched word by word.
    public static readonly string[] Parameters = ["q", "author", "subject"];

    public static IApplicationBuilder UseSearchLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api") && http.Request.QueryString.HasValue)
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var name in Parameters)
            {
                foreach (var value in http.Request.Query[name])
                {
                    if (TextFolding.Terms(value, int.MaxValue).Count <= TextFolding.MaxTerms) continue;
                    var text = http.RequestServices.GetRequiredService<Localization.Text>();
                    errors[name] = [text.Format("Validation.SearchTooManyWords", TextFolding.MaxTerms)];
                }
            }
            if (errors.Count > 0)
            {
                await TypedResults.ValidationProblem(errors).ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    });
}

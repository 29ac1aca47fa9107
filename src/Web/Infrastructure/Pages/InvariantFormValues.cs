using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Bookpost.Web.Infrastructure.Pages;

/// Browsers send numbers and dates from form inputs in an invariant format ("19.8"), whatever the page's
/// language; reading them in vi-VN would turn 19.8 into 198. Forms are bound with the invariant culture.
public sealed class InvariantFormValueProviderFactory : IValueProviderFactory
{
    public Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        var request = context.ActionContext.HttpContext.Request;
        if (!request.HasFormContentType) return Task.CompletedTask;
        return AddAsync(context, request);
    }

    private static async Task AddAsync(ValueProviderFactoryContext context, HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        context.ValueProviders.Add(new FormValueProvider(BindingSource.Form, form, CultureInfo.InvariantCulture));
    }
}

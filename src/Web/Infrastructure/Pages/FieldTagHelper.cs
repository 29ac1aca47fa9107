using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Bookpost.Web.Infrastructure.Pages;

/// One accessible form field: a label tied to its input, the input, and its error message tied back with
/// aria-describedby and aria-invalid, so a screen reader announces the error with the field.
/// Usage: <bp-field for="Input.Name" label="Tên" /> or with type="select" and options, or type="checkbox".
[HtmlTargetElement("bp-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";
    public string Type { get; set; } = "text";
    public string? Hint { get; set; }
    public bool Required { get; set; }
    public IEnumerable<SelectListItem>? Options { get; set; }
    public string? Step { get; set; }
    public string? Autocomplete { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errorId = id + "-error";
        var hintId = id + "-hint";
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
        var attempted = state?.AttemptedValue;
        var value = attempted ?? Format(For.Model);
        var enc = encoder; // the app's encoder, which leaves Vietnamese text as it is
        var describedBy = string.Join(' ',
            new[] { Hint is null ? null : hintId, errors.Count > 0 ? errorId : null }.Where(x => x is not null));
        var aria = (errors.Count > 0 ? " aria-invalid=\"true\"" : "") + (describedBy.Length > 0
            ? $" aria-describedby=\"{describedBy}\"" : "")
            + (Required ? " required aria-required=\"true\"" : "");
        var invalid = errors.Count > 0 ? " is-invalid" : "";

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        var html = new System.Text.StringBuilder();
        if (Type == "checkbox")
        {
            output.Attributes.SetAttribute("class", "form-check mb-3");
            var isChecked = attempted is not null ? attempted.Contains("true", StringComparison.OrdinalIgnoreCase) : For.Model is true;
            html.Append($"<input class=\"form-check-input{invalid}\" type=\"checkbox\" id=\"{id}\" name=\"{enc.Encode(name)}\"");
            html.Append($" value=\"true\"{(isChecked ? " checked" : "")}{aria}>");
            html.Append($"<input type=\"hidden\" name=\"{enc.Encode(name)}\" value=\"false\">");
            html.Append($"<label class=\"form-check-label\" for=\"{id}\">{enc.Encode(Label)}</label>");
        }
        else
        {
            output.Attributes.SetAttribute("class", "mb-3");
            var star = Required ? " <span aria-hidden=\"true\" class=\"text-danger\">*</span>" : "";
            html.Append($"<label class=\"form-label\" for=\"{id}\">{enc.Encode(Label)}{star}</label>");
            if (Type == "select")
            {
                html.Append($"<select class=\"form-select{invalid}\" id=\"{id}\" name=\"{enc.Encode(name)}\"{aria}>");
                foreach (var o in Options ?? [])
                {
                    var selected = string.Equals(o.Value, value, StringComparison.Ordinal) ? " selected" : "";
                    html.Append($"<option value=\"{enc.Encode(o.Value ?? "")}\"{selected}>{enc.Encode(o.Text)}</option>");
                }
                html.Append("</select>");
            }
            else if (Type == "textarea")
            {
                html.Append($"<textarea class=\"form-control{invalid}\" id=\"{id}\" name=\"{enc.Encode(name)}\" rows=\"3\"{aria}>");
                html.Append($"{enc.Encode(value ?? "")}</textarea>");
            }
            else
            {
                var step = Step is null ? "" : $" step=\"{Step}\"";
                var auto = Autocomplete is null ? "" : $" autocomplete=\"{Autocomplete}\"";
                html.Append($"<input class=\"form-control{invalid}\" type=\"{Type}\" id=\"{id}\" name=\"{enc.Encode(name)}\"");
                html.Append($" value=\"{enc.Encode(value ?? "")}\"{step}{auto}{aria}>");
            }
        }
        if (Hint is not null) html.Append($"<div class=\"form-text\" id=\"{hintId}\">{enc.Encode(Hint)}</div>");
        if (errors.Count > 0)
            html.Append($"<div class=\"invalid-feedback d-block\" id=\"{errorId}\">{enc.Encode(string.Join(" ", errors))}</div>");
        output.Content.SetHtmlContent(html.ToString());
    }

    private static string? Format(object? model) => model switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        double x => x.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}

public static class PageErrors
{
    /// Binding errors (a letter typed into a number) get one plain message in the user's language, on their field.
    /// Returns whether there were any.
    public static bool ReplaceBindingErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string message)
    {
        var keys = modelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        foreach (var key in keys)
        {
            modelState[key]!.Errors.Clear();
            modelState.AddModelError(key, message);
        }
        return keys.Count > 0;
    }

    /// Copies a handler's camelCase field errors onto the page's model state under the bound prefix.
    public static void AddTo(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState,
        IReadOnlyDictionary<string, string[]> errors, string prefix = "Input")
    {
        foreach (var (field, messages) in errors)
        {
            var key = field.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var m in messages) modelState.AddModelError(key, m);
        }
    }
}

using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Bookpost.Web.Infrastructure.Localization;

/// Every UI and validation string, in Vietnamese (the default) and English, from the embedded Resources/strings.json.
/// The current UI culture, set per request by the localization middleware, picks the language.
public sealed class Text
{
    public static readonly string[] Cultures = ["vi", "en"];
    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string>>> s_strings = new(Load);

    public static IReadOnlyDictionary<string, FrozenDictionary<string, string>> All => s_strings.Value;

    public string this[string key] => Get(key, CultureInfo.CurrentUICulture);

    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, this[key], args);

    public static string Get(string key, CultureInfo culture)
    {
        if (!s_strings.Value.TryGetValue(key, out var byLanguage)) return key;
        var language = culture.TwoLetterISOLanguageName == "en" ? "en" : "vi";
        return byLanguage.TryGetValue(language, out var value) ? value : byLanguage.GetValueOrDefault("vi", key);
    }

    /// Enum values are shown through keys of the form "Enum.TypeName.Value".
    public string Enum<T>(T value) where T : struct, System.Enum => this[$"Enum.{typeof(T).Name}.{value}"];

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        using var stream = typeof(Text).Assembly.GetManifestResourceStream("Bookpost.Web.Resources.strings.json")
            ?? throw new InvalidOperationException("Resources/strings.json is not embedded.");
        var raw = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("Resources/strings.json is empty.");
        return raw.ToFrozenDictionary(e => e.Key, e => e.Value.ToFrozenDictionary());
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Bookpost.Marc;

/// <summary>
/// Fast NFC for the reader. Most strings are already NFC, and most that are not are a letter followed by one
/// combining mark (as decomposed library data writes "é"); both cases are settled here, and anything else goes to
/// the platform's normalizer, so the result is always exactly NFC.
/// </summary>
internal static class Nfc
{
    // One bit per BMP character: set when the character on its own is NFC and can never combine with the character
    // before it (it is not a combining mark and not a Hangul vowel or trailing jamo). A string of such characters is NFC.
    private static readonly Lazy<ulong[]> s_safe = new(Build);

    // Compositions of a letter and one mark, learnt from the platform's normalizer the first time each pair is seen.
    private static readonly ConcurrentDictionary<int, char> s_pairs = new();

    public static string Normalize(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\u0300', '\uFFFF') < 0) return text;
        var safe = s_safe.Value;
        StringBuilder? composed = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsSafe(safe, c))
            {
                composed?.Append(c);
                continue;
            }
            var simple = c is >= '\u0300' and <= '\u036F' && i > 0 && IsSafe(safe, text[i - 1])
                && (i + 1 == text.Length || IsSafe(safe, text[i + 1]));
            if (!simple) return Platform(text);
            var pair = Compose(text[i - 1], c);
            if (pair == '\0')
            {
                composed?.Append(c);
                continue;
            }
            composed ??= new StringBuilder(text, 0, i, text.Length);
            composed[^1] = pair;
        }
        return composed?.ToString() ?? text;
    }

    private static bool IsSafe(ulong[] safe, char c) => (safe[c >> 6] & (1UL << (c & 63))) != 0;

    private static char Compose(char letter, char mark) =>
        s_pairs.GetOrAdd(letter << 16 | mark, key =>
        {
            var n = string.Concat((char)(key >> 16), (char)(key & 0xFFFF)).Normalize(NormalizationForm.FormC);
            return n.Length == 1 ? n[0] : '\0';
        });

    private static string Platform(string text) =>
        text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    private static ulong[] Build()
    {
        var bits = new ulong[65536 / 64];
        for (var i = 0; i < 65536; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c)) continue;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse) continue;
            if (c is >= '\u1160' and <= '\u11FF' or >= '\uD7B0' and <= '\uD7FF') continue;
            if (!c.ToString().IsNormalized(NormalizationForm.FormC)) continue;
            bits[i >> 6] |= 1UL << (i & 63);
        }
        return bits;
    }
}

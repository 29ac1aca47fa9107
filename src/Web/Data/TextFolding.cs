using System.Globalization;
using System.Text;

namespace Bookpost.Web.Data;

/// The one folding function for search: case-, diacritic- and normalization-insensitive, with đ = d.
/// Every searchable column stores its folded text, and every query folds its input the same way.
public static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var table = s_foldTable.Value;
        var sb = t_fold ??= new StringBuilder(256);
        sb.Clear();
        var lastWasSpace = true;
        foreach (var c in text)
        {
            // Surrogates (rare scripts, emoji) pass through as they are; they fold to themselves.
            var folded = char.IsSurrogate(c) ? null : table[c];
            if (folded is null)
            {
                sb.Append(c);
                lastWasSpace = false;
                continue;
            }
            foreach (var f in folded)
            {
                if (f == ' ')
                {
                    if (!lastWasSpace) sb.Append(' ');
                    lastWasSpace = true;
                }
                else
                {
                    sb.Append(f);
                    lastWasSpace = false;
                }
            }
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        var result = sb.ToString();
        if (sb.Capacity > 64 * 1024) t_fold = null; // a huge text's buffer is not kept
        return result;
    }

    // Folding runs for every field of every title stored: one buffer per thread instead of one per call.
    [ThreadStatic] private static StringBuilder? t_fold;

    // What each BMP character folds to: its canonical decomposition without marks, lower-cased, đ as d, white space and
    // punctuation (but - / .) as a space; null for a character that folds to itself. Built once from the platform's
    // normalizer, so folding needs no ICU call and gives what decomposing the whole string would (canonical
    // reordering only moves marks, and marks are dropped).
    private static readonly Lazy<string?[]> s_foldTable = new(() =>
    {
        var table = new string?[65536];
        for (var i = 0; i < 65536; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c)) continue;
            string decomposed;
            try { decomposed = c.ToString().Normalize(NormalizationForm.FormD); }
            catch (ArgumentException) { decomposed = c.ToString(); } // noncharacters such as U+FFFF
            var sb = new StringBuilder(decomposed.Length);
            foreach (var d in decomposed)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(d);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                    continue;
                var mapped = d switch { 'đ' or 'Đ' or 'ð' or 'Ð' => 'd', _ => char.ToLowerInvariant(d) };
                sb.Append(char.IsWhiteSpace(mapped) || char.IsPunctuation(mapped) && mapped is not ('-' or '/' or '.') ? ' ' : mapped);
            }
            var result = sb.ToString();
            table[i] = result.Length == 1 && result[0] == c && c != ' ' ? null : result;
        }
        return table;
    });

    /// The most terms a search takes. Each term is one more condition in the query, and a thousand of them made SQLite
    /// refuse it ("Expression tree is too large"): the API answers 400 for more (`SearchLimits`), and pages, which
    /// cannot show a field error for a link, search with the first ones.
    public const int MaxTerms = 20;

    /// Splits a query into folded terms, at most <paramref name="max"/>; a quoted "phrase" stays one term.
    public static IReadOnlyList<string> Terms(string? query, int max = MaxTerms)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(query)) return terms;
        var parts = query.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                var phrase = Fold(parts[i]);
                if (phrase.Length > 0) terms.Add(phrase);
            }
            else
            {
                terms.AddRange(Fold(parts[i]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            if (terms.Count >= max) return terms[..max];
        }
        return terms;
    }

    /// Text stored in NFC, trimmed, with inner runs of white space collapsed.
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var nfc = (Ascii.IsValid(text) || text.IsNormalized(NormalizationForm.FormC) ? text
            : text.Normalize(NormalizationForm.FormC)).Trim();
        if (IsCollapsed(nfc)) return nfc; // most text is clean already: no copy
        var sb = new StringBuilder(nfc.Length);
        var lastWasSpace = false;
        foreach (var c in nfc)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
            }
            else
            {
                sb.Append(c);
                lastWasSpace = false;
            }
        }
        return sb.ToString();
    }

    // Trimmed text whose only white space is single spaces.
    private static bool IsCollapsed(string trimmed)
    {
        for (var i = 1; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsWhiteSpace(c) && (c != ' ' || trimmed[i - 1] == ' ')) return false;
        }
        return true;
    }

    public static string? CleanOrNull(string? text)
    {
        var cleaned = Clean(text);
        return cleaned.Length == 0 ? null : cleaned;
    }
}

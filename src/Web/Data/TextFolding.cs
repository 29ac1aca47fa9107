using System.Globalization;
using System.Text;

namespace Bookpost.Web.Data;

/// The one folding function for search: case-, diacritic- and normalization-insensitive, with đ = d, and a syllable
/// whose only vowel is y folded as i (kỹ = kĩ, lý = lí, mỹ = mĩ, quý = quí: Vietnamese writes both).
/// Every searchable column stores its folded text, and every query folds its input the same way.
public static class TextFolding
{
    /// Bumped whenever <see cref="Fold"/> or <see cref="SortKey"/> changes what they give, so that start-up re-folds
    /// the stored columns once (<see cref="FoldingUpgrade"/>). 2: y = i (issue 17) and the Vietnamese letter order.
    public const int Version = 2;

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
        FoldY(sb);
        var result = sb.ToString();
        if (sb.Capacity > 64 * 1024) t_fold = null; // a huge text's buffer is not kept
        return result;
    }

    // Initial consonants after which a lone y is the same syllable as i (kỹ/kĩ, lý/lí, sỹ/sĩ, tỷ/tỉ, quý/quí). Only
    // these whole words change: ay/ai, uy/ui or a y inside a longer word are other sounds, and a lone "y" (y tế, ý kiến)
    // is never written i. English words of this shape (my, by) fold the same on both sides, so they still match.
    private static readonly HashSet<string> s_yOnsets =
        ["b", "c", "ch", "d", "g", "h", "k", "kh", "l", "m", "n", "ng", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"];

    private static void FoldY(StringBuilder sb)
    {
        for (var i = 1; i < sb.Length; i++)
        {
            if (sb[i] != 'y' || i + 1 < sb.Length && char.IsLetterOrDigit(sb[i + 1])) continue;
            var start = i;
            while (start > 0 && char.IsAsciiLetterLower(sb[start - 1])) start--;
            if (start > 0 && char.IsLetterOrDigit(sb[start - 1]) || i - start is 0 or > 2) continue;
            if (s_yOnsets.Contains(sb.ToString(start, i - start))) sb[i] = 'i';
        }
    }

    /// A key that sorts in Vietnamese dictionary order under a binary collation (SQLite's default, "C" on PostgreSQL):
    /// letters without tones, with ă after a, â after ă, đ after d, ê after e, ô and ơ after o, ư after u (each marked
    /// letter is its base letter and a character above z), word by word; titles that differ only in tones keep the
    /// order of the tie-break (their id). At most <paramref name="max"/> characters.
    public static string SortKey(string? text, int max = 100)
    {
        var clean = Clean(text);
        if (clean.Length == 0) return "";
        var sb = new StringBuilder(clean.Length + 8);
        var lastWasSpace = true;
        foreach (var c in clean.Normalize(NormalizationForm.FormD))
        {
            if (sb.Length >= max) break;
            if (c is '\u0306') { Mark('{'); continue; }                    // breve: ă
            if (c is '\u0302') { Mark(sb.Length > 0 && sb[^1] == 'a' ? '|' : '{'); continue; } // circumflex: â ê ô
            if (c is '\u031B') { Mark(sb.Length > 0 && sb[^1] == 'o' ? '|' : '{'); continue; } // horn: ơ ư
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue; // tones and other marks
            if (c is 'đ' or 'Đ')
            {
                sb.Append("d{");
                lastWasSpace = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
            }
        }
        if (sb.Length > max) sb.Length = max;
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();

        void Mark(char above)
        {
            if (sb.Length > 0 && sb[^1] is 'a' or 'e' or 'o' or 'u') sb.Append(above);
        }
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

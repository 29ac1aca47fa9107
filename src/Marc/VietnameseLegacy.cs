using System.Globalization;
using System.Text;

namespace Bookpost.Marc;

/// <summary>The result of guessing a Vietnamese legacy encoding: the encoding and how sure the guess is (0–1).</summary>
/// <param name="Encoding">The best candidate, or <see cref="MarcEncoding.Utf8"/> when the text needs no conversion.</param>
/// <param name="Confidence">The share of the non-ASCII words that become valid Vietnamese syllables with that encoding.</param>
public readonly record struct LegacyDetection(MarcEncoding Encoding, double Confidence);

/// <summary>
/// Vietnamese legacy encodings (TCVN3/ABC, VNI-Windows, VISCII): decoding to Unicode NFC, detection on raw bytes,
/// and repair of their Windows-1252 mojibake ("Th­ viÖn" for "Thư viện").
/// </summary>
/// <remarks>
/// Detection decodes the bytes with every candidate and counts how many of the words that contain non-ASCII
/// characters come out as well-formed Vietnamese syllables (onset, vowel nucleus, final, at most one tone mark).
/// Real Vietnamese text scores near 1 with the right encoding and far lower with the wrong ones.
/// </remarks>
public static class VietnameseLegacy
{
    /// <summary>The confidence from which <see cref="Repair"/> and readers in Auto mode convert text.</summary>
    public const double Threshold = 0.75;

    private static readonly Lazy<Tables> s_tables = new(Tables.Load);

    /// <summary>Decodes bytes in a Vietnamese legacy encoding (or Windows-1252) to Unicode NFC.</summary>
    /// <exception cref="ArgumentException">The encoding is not a single-byte legacy encoding.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, MarcEncoding encoding)
    {
        var t = s_tables.Value;
        var sb = new StringBuilder(bytes.Length);
        switch (encoding)
        {
            case MarcEncoding.Tcvn3:
                foreach (var b in bytes) sb.Append(t.Tcvn3[b]);
                break;
            case MarcEncoding.Viscii:
                foreach (var b in bytes) sb.Append(t.Viscii[b]);
                break;
            case MarcEncoding.Windows1252:
                foreach (var b in bytes) sb.Append(t.Cp1252[b]);
                break;
            case MarcEncoding.Vni:
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (i + 1 < bytes.Length && t.VniPairs.TryGetValue((ushort)(bytes[i] << 8 | bytes[i + 1]), out var pair))
                    {
                        sb.Append(pair);
                        i++;
                    }
                    else
                    {
                        sb.Append(t.VniSingle[bytes[i]]);
                    }
                }
                break;
            default:
                throw new ArgumentException($"{encoding} is not a Vietnamese legacy encoding.", nameof(encoding));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Guesses which legacy encoding raw bytes are in. ASCII-only input answers UTF-8 with confidence 1.</summary>
    public static LegacyDetection Detect(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Ascii.IsValid(bytes)) return new(MarcEncoding.Utf8, 1);
        var best = new LegacyDetection(MarcEncoding.Utf8, 0);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
            best = new(MarcEncoding.Utf8, Score(Encoding.UTF8.GetString(bytes)));
        foreach (var candidate in (ReadOnlySpan<MarcEncoding>)[MarcEncoding.Tcvn3, MarcEncoding.Vni, MarcEncoding.Viscii])
        {
            var score = Score(Decode(bytes, candidate));
            if (score > best.Confidence) best = new(candidate, score);
        }
        return best;
    }

    /// <summary>
    /// Repairs text that is legacy Vietnamese read as Windows-1252 (or Latin-1), or UTF-8 read as Windows-1252.
    /// Returns the text unchanged, with the detection that was made, when no repair is confident enough.
    /// </summary>
    public static string Repair(string text, out LegacyDetection detection)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = DetectMojibake(text);
        if (found is not { } repair)
        {
            detection = new(MarcEncoding.Utf8, 1);
            return text;
        }
        detection = repair;
        return Unmojibake(text, repair.Encoding) ?? text;
    }

    /// <summary>If the text reads better as legacy bytes (or UTF-8) seen through Windows-1252, the encoding it really is in;
    /// otherwise null.</summary>
    internal static LegacyDetection? DetectMojibake(string text)
    {
        if (!MayBeMojibake(text) || !TryGetCp1252Bytes(text, out var bytes)) return null;
        var guess = Detect(bytes);
        if (guess.Confidence < Threshold || guess.Confidence <= Score(text)) return null;
        if (guess.Encoding == MarcEncoding.Utf8 && !System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        return guess;
    }

    /// <summary>Undoes Windows-1252 mojibake of text that was really in the given encoding; null if it cannot be.</summary>
    internal static string? Unmojibake(string text, MarcEncoding encoding)
    {
        if (!TryGetCp1252Bytes(text, out var bytes)) return null;
        if (encoding != MarcEncoding.Utf8) return Decode(bytes, encoding);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes).Normalize(NormalizationForm.FormC) : null;
    }

    /// <summary>Cheap pre-check: does the text hold any Latin-1 or Windows-1252 character that Vietnamese does not use?</summary>
    internal static bool MayBeMojibake(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x80) continue;
            if (c > 0xFF && !s_tables.Value.Cp1252Reverse.ContainsKey(c)) continue;
            if (!IsVietnameseLatin1(c)) return true;
        }
        return false;
    }

    /// <summary>Whether UTF-8 bytes contain a character that <see cref="MayBeMojibake"/> would look at (lead byte C2/C3 or a
    /// Windows-1252 punctuation character): lets a reader skip the check for most records without decoding twice.</summary>
    internal static bool MayBeMojibakeUtf8(ReadOnlySpan<byte> utf8)
    {
        var i = utf8.IndexOfAny((byte)0xC2, (byte)0xC3, (byte)0xE2);
        while (i >= 0 && i + 1 < utf8.Length)
        {
            var lead = utf8[i];
            if (lead is 0xC2 or 0xC3)
            {
                var c = (char)(((lead & 0x1F) << 6) | (utf8[i + 1] & 0x3F));
                if (!IsVietnameseLatin1(c)) return true;
            }
            else if (lead == 0xE2 && i + 2 < utf8.Length && utf8[i + 1] is 0x80 or 0x82 or 0x84)
            {
                return true; // general punctuation, the euro sign, the trade mark: mojibake's usual companions
            }
            var next = utf8[(i + 1)..].IndexOfAny((byte)0xC2, (byte)0xC3, (byte)0xE2);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return false;
    }

    private static bool IsVietnameseLatin1(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ã' or 'è' or 'é' or 'ê' or 'ì' or 'í' or 'ò' or 'ó' or 'ô' or 'õ' or 'ù' or 'ú' or 'ý' => true,
        'À' or 'Á' or 'Â' or 'Ã' or 'È' or 'É' or 'Ê' or 'Ì' or 'Í' or 'Ò' or 'Ó' or 'Ô' or 'Õ' or 'Ù' or 'Ú' or 'Ý' => true,
        '\u00A0' or '©' or '°' or '«' or '»' or '·' => true,
        _ => false,
    };

    internal static bool TryGetCp1252Bytes(string text, out byte[] bytes)
    {
        var reverse = s_tables.Value.Cp1252Reverse;
        bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c <= 0xFF) bytes[i] = (byte)c;
            else if (reverse.TryGetValue(c, out var b)) bytes[i] = b;
            else return false;
        }
        return true;
    }

    /// <summary>The share of words with non-ASCII letters that are well-formed Vietnamese syllables; 0 when there are none.</summary>
    internal static double Score(string text)
    {
        int total = 0, valid = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isLetter = i < text.Length
                && (char.IsLetter(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark);
            if (isLetter && start < 0) start = i;
            else if (!isLetter && start >= 0)
            {
                var word = text.AsSpan(start, i - start);
                start = -1;
                if (System.Text.Ascii.IsValid(word)) continue;
                total++;
                if (Syllable.IsValid(word)) valid++;
            }
            else if (!isLetter && i < text.Length && text[i] >= 0x80 && !char.IsWhiteSpace(text[i]) && !char.IsPunctuation(text[i]))
            {
                total++; // a stray symbol where a letter should be is a sign of the wrong encoding
            }
        }
        return total == 0 ? 0 : (double)valid / total;
    }

    private sealed class Tables
    {
        public string[] Tcvn3 { get; } = Identity();
        public string[] Viscii { get; } = Identity();
        public string[] VniSingle { get; } = Identity();
        public string[] Cp1252 { get; } = Identity();
        public Dictionary<ushort, string> VniPairs { get; } = [];
        public Dictionary<char, byte> Cp1252Reverse { get; } = [];

        public static Tables Load()
        {
            var t = new Tables();
            // Windows-1252's 0x80–0x9F block; the five undefined bytes stay as C1 controls, as Latin-1 reads them.
            const string high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
            for (var i = 0; i < 32; i++)
            {
                t.Cp1252[0x80 + i] = high[i].ToString();
                if (high[i] > 0xFF) t.Cp1252Reverse[high[i]] = (byte)(0x80 + i);
            }
            for (var b = 0xA0; b <= 0xFF; b++) t.Cp1252[b] = ((char)b).ToString();
            // Outside a letter, VNI's high bytes are plain Windows-1252 glyphs.
            for (var b = 0x80; b <= 0xFF; b++) t.VniSingle[b] = t.Cp1252[b];

            foreach (var (bytes, text) in Read("tcvn3.tsv")) t.Tcvn3[bytes[0]] = text;
            foreach (var (bytes, text) in Read("viscii.tsv")) t.Viscii[bytes[0]] = text;
            foreach (var (bytes, text) in Read("vni-windows.tsv"))
            {
                if (bytes.Length == 1) t.VniSingle[bytes[0]] = text;
                else t.VniPairs[(ushort)(bytes[0] << 8 | bytes[1])] = text;
            }
            return t;
        }

        private static string[] Identity()
        {
            var map = new string[256];
            for (var b = 0; b < 256; b++) map[b] = ((char)b).ToString();
            return map;
        }

        private static IEnumerable<(byte[] Bytes, string Text)> Read(string name)
        {
            using var stream = typeof(VietnameseLegacy).Assembly.GetManifestResourceStream($"Bookpost.Marc.Encodings.{name}")
                ?? throw new InvalidOperationException($"Missing embedded table {name}.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var header = true;
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#') continue;
                if (header) { header = false; continue; }
                var columns = line.Split('\t');
                var bytes = columns[0].Split(' ')
                    .Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                    .ToArray();
                var text = string.Concat(columns[1].Split(' ')
                    .Select(u => char.ConvertFromUtf32(int.Parse(u[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
                yield return (bytes, text);
            }
        }
    }
}

/// <summary>Checks whether a word is a well-formed Vietnamese syllable.</summary>
internal static class Syllable
{
    private static readonly string[] s_onsets =
        [
            "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
            "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
        ];

    private static readonly HashSet<string> s_nuclei =
    [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
        "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "uay",
    ];

    private static readonly string[] s_codas = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];

    // Every precomposed Vietnamese letter, lower and upper case, to its base letter (with ă â ê ô ơ ư đ as letters of
    // their own) and whether it carries a tone mark: lets the check skip normalization for the usual, precomposed input.
    private static readonly Dictionary<char, (char Base, bool Tone)> s_letters = BuildLetters();

    private static Dictionary<char, (char, bool)> BuildLetters()
    {
        var map = new Dictionary<char, (char, bool)> { ['đ'] = ('đ', false), ['Đ'] = ('đ', false) };
        foreach (var letter in "aăâeêioôơuưy")
        {
            foreach (var tone in new[] { "", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323" })
            {
                var composed = (letter + tone).Normalize(NormalizationForm.FormC);
                if (composed.Length != 1) continue;
                map[composed[0]] = (letter, tone.Length > 0);
                map[char.ToUpperInvariant(composed[0])] = (letter, tone.Length > 0);
            }
        }
        return map;
    }

    public static bool IsValid(ReadOnlySpan<char> word)
    {
        if (word.Length == 0 || word.Length > 8) return false;
        Span<char> bases = stackalloc char[word.Length * 2];
        var n = 0;
        var tones = 0;
        var precomposed = true;
        foreach (var ch in word)
        {
            if (ch is >= 'a' and <= 'z') bases[n++] = ch;
            else if (ch is >= 'A' and <= 'Z') bases[n++] = (char)(ch | 0x20);
            else if (s_letters.TryGetValue(ch, out var letter))
            {
                bases[n++] = letter.Base;
                if (letter.Tone) tones++;
            }
            else
            {
                precomposed = false;
                break;
            }
        }
        if (!precomposed) return IsValidDecomposed(word);
        if (tones > 1) return false;
        return Matches(new string(bases[..n]));
    }

    private static bool IsValidDecomposed(ReadOnlySpan<char> word)
    {
        Span<char> bases = stackalloc char[word.Length * 2];
        var decomposed = word.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var n = 0;
        var tones = 0;
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            switch (c)
            {
                case '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323':
                    tones++;
                    continue;
                case '\u0306': // breve: only on a
                    if (n == 0 || bases[n - 1] != 'a') return false;
                    bases[n - 1] = 'ă';
                    continue;
                case '\u0302': // circumflex: a, e, o
                    if (n == 0 || bases[n - 1] is not ('a' or 'e' or 'o')) return false;
                    bases[n - 1] = bases[n - 1] switch { 'a' => 'â', 'e' => 'ê', _ => 'ô' };
                    continue;
                case '\u031B': // horn: o, u
                    if (n == 0 || bases[n - 1] is not ('o' or 'u')) return false;
                    bases[n - 1] = bases[n - 1] == 'o' ? 'ơ' : 'ư';
                    continue;
            }
            if (n >= bases.Length || !(c is >= 'a' and <= 'z' || c == 'đ')) return false;
            bases[n++] = c;
        }
        if (tones > 1) return false;
        return Matches(new string(bases[..n]));
    }

    private static bool Matches(string s)
    {
        foreach (var onset in s_onsets)
        {
            if (!s.StartsWith(onset, StringComparison.Ordinal)) continue;
            var rest = s[onset.Length..];
            foreach (var coda in s_codas)
            {
                if (!rest.EndsWith(coda, StringComparison.Ordinal)) continue;
                var nucleus = rest[..(rest.Length - coda.Length)];
                if (s_nuclei.Contains(nucleus)) return true;
                // "gi" and "qu" lend their vowel: "gì", "quá".
                if (onset is "gi" && (nucleus.Length == 0 || s_nuclei.Contains("i" + nucleus))) return true;
            }
        }
        return false;
    }
}

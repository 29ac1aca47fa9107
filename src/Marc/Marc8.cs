using System.Globalization;
using System.Text;

namespace Bookpost.Marc;

/// <summary>
/// Decodes MARC-8 (the character set of MARC 21 records whose leader/09 is blank) to Unicode.
/// Covers ASCII, the extended Latin set (ANSEL) with its combining diacritics, subscripts, superscripts,
/// Greek symbols, basic Cyrillic and Hebrew, and numeric character references (&amp;#xHHHH;).
/// Characters of sets not covered (EACC, Arabic, Greek) become U+FFFD and are reported.
/// </summary>
public static class Marc8
{
    private const char Replacement = '\uFFFD';

    // The ligature and double-tilde halves (EB/EC, FA/FB) come in pairs around two letters. As LC's mapping and other
    // tools do, the first half becomes the double diacritic (U+0361, U+0360) after the first letter; the second is dropped.
    private const char Dropped = '\u0000';

    // Graphic sets by their final byte in an escape sequence; each maps 0x21–0x7E (index 0–93).
    private const byte Ascii = (byte)'B', Ansel = (byte)'E', Cyrillic = (byte)'N', Hebrew = (byte)'2',
        Subscript = (byte)'b', Superscript = (byte)'p', GreekSymbols = (byte)'g';

    private static readonly Dictionary<byte, char[]> s_sets = BuildSets();

    /// <summary>Decodes MARC-8 bytes. Diacritics, which MARC-8 writes before their letter, come after it, as Unicode requires.</summary>
    /// <param name="bytes">The MARC-8 bytes of one field or subfield.</param>
    /// <param name="hadErrors">True when a byte or escape sequence could not be decoded (it becomes U+FFFD or is dropped).</param>
    public static string Decode(ReadOnlySpan<byte> bytes, out bool hadErrors)
    {
        hadErrors = false;
        var sb = new StringBuilder(bytes.Length);
        var pending = new char[16];
        var pendingCount = 0;
        byte g0 = Ascii, g1 = Ansel;
        var g0Multibyte = false;

        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == 0x1B)
            {
                var used = ReadEscape(bytes[i..], ref g0, ref g1, ref g0Multibyte);
                if (used == 0) { hadErrors = true; continue; }
                i += used - 1;
                continue;
            }
            if (g0Multibyte && b is >= 0x21 and <= 0x7E)
            {
                // EACC (CJK) takes three bytes a character; not covered.
                i += 2;
                Emit(Replacement);
                hadErrors = true;
                continue;
            }
            if (b == (byte)'&' && TryReadReference(bytes[i..], out var referenced, out var length))
            {
                Emit(referenced);
                i += length - 1;
                continue;
            }
            char c;
            if (b < 0x21 || b == 0x7F) c = (char)b;
            else if (b <= 0x7E) c = Lookup(g0, b);
            else if (b is >= 0xA1 and <= 0xFE) c = Lookup(g1, (byte)(b - 0x80));
            else c = b switch
            {
                0x88 => '\u0098', // non-sorting begin
                0x89 => '\u009C', // non-sorting end
                0x8D => '\u200D',
                0x8E => '\u200C',
                _ => Replacement,
            };
            if (c == Replacement) hadErrors = true;
            if (c == Dropped && b >= 0x80) continue;
            if (IsCombining(c))
            {
                if (pendingCount < pending.Length) pending[pendingCount++] = c;
                else hadErrors = true;
            }
            else
            {
                Emit(c);
            }
        }
        for (var k = 0; k < pendingCount; k++) sb.Append(pending[k]);
        return sb.ToString();

        void Emit(char ch)
        {
            sb.Append(ch);
            for (var k = 0; k < pendingCount; k++) sb.Append(pending[k]);
            pendingCount = 0;
        }
    }

    /// <summary>How plausible it is (0–1) that bytes are MARC-8: the share of high bytes that are known characters
    /// and of combining diacritics that are followed by a letter.</summary>
    internal static double Plausibility(ReadOnlySpan<byte> bytes)
    {
        int high = 0, good = 0;
        var ansel = s_sets[Ansel];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == 0x1B) { high++; good++; continue; }
            if (b < 0x80) continue;
            high++;
            if (b is >= 0xA1 and <= 0xFE && ansel[b - 0xA1] != Replacement)
            {
                var c = ansel[b - 0xA1];
                if (!IsCombining(c)) { good++; continue; }
                var j = i + 1;
                while (j < bytes.Length && bytes[j] is >= 0xE0 and <= 0xFE) j++;
                if (j < bytes.Length && (char.IsAsciiLetter((char)bytes[j]) || bytes[j] is >= 0xA1 and <= 0xBD)) good++;
            }
            else if (b is 0x88 or 0x89 or 0x8D or 0x8E) good++;
        }
        return high == 0 ? 1 : (double)good / high;
    }

    private static char Lookup(byte set, byte code) =>
        s_sets.TryGetValue(set, out var table) ? table[code - 0x21] : Replacement;

    private static bool IsCombining(char c) =>
        c is >= '\u0300' and <= '\u036F' or >= '\uFE20' and <= '\uFE2F';

    /// <summary>Reads an escape sequence; answers the number of bytes it used, or 0 if it is not one we know.</summary>
    private static int ReadEscape(ReadOnlySpan<byte> s, ref byte g0, ref byte g1, ref bool g0Multibyte)
    {
        if (s.Length < 2) return 0;
        switch (s[1])
        {
            // Technique 2: ESC s / g / b / p switch G0 to ASCII, Greek symbols, subscripts, superscripts.
            case (byte)'s': g0 = Ascii; g0Multibyte = false; return 2;
            case (byte)'g': g0 = GreekSymbols; g0Multibyte = false; return 2;
            case (byte)'b': g0 = Subscript; g0Multibyte = false; return 2;
            case (byte)'p': g0 = Superscript; g0Multibyte = false; return 2;
            // Technique 1: ESC ( or , designates G0; ESC ) or - designates G1.
            case (byte)'(' or (byte)',' when s.Length >= 3:
                g0 = s[2] == (byte)'!' && s.Length >= 4 ? s[3] : s[2];
                g0Multibyte = false;
                return s[2] == (byte)'!' ? 4 : 3;
            case (byte)')' or (byte)'-' when s.Length >= 3:
                g1 = s[2] == (byte)'!' && s.Length >= 4 ? s[3] : s[2];
                return s[2] == (byte)'!' ? 4 : 3;
            // ESC $ F, ESC $ , F: a multibyte set (EACC) in G0; ESC $ ) F, ESC $ - F: in G1.
            case (byte)'$' when s.Length >= 3:
                if (s[2] is (byte)',' or (byte)'(' && s.Length >= 4) { g0Multibyte = true; return 4; }
                if (s[2] is (byte)')' or (byte)'-' && s.Length >= 4) { g1 = 0; return 4; }
                g0Multibyte = true;
                return 3;
            default:
                return 0;
        }
    }

    private static bool TryReadReference(ReadOnlySpan<byte> s, out char c, out int length)
    {
        c = '\0';
        length = 0;
        if (s.Length < 5 || s[1] != (byte)'#' || s[2] is not ((byte)'x' or (byte)'X')) return false;
        var end = s[..Math.Min(s.Length, 12)].IndexOf((byte)';');
        if (end < 4) return false;
        var hex = Encoding.ASCII.GetString(s[3..end]);
        if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code is 0 or > 0xFFFF) return false;
        c = (char)code;
        length = end + 1;
        return true;
    }

    private static Dictionary<byte, char[]> BuildSets()
    {
        char[] Table(Func<char, char> map)
        {
            var t = new char[94];
            for (var i = 0; i < 94; i++) t[i] = map((char)(0x21 + i));
            return t;
        }

        var ansel = Table(_ => Replacement);
        void Set(int code, char c) => ansel[code - 0x21] = c;
        // Extended Latin (ANSEL, ISO-IR 231) as it stands in G1 (0xA1–0xFE); indexed here by code - 0x80.
        Set(0x21, 'Ł'); Set(0x22, 'Ø'); Set(0x23, 'Đ'); Set(0x24, 'Þ'); Set(0x25, 'Æ'); Set(0x26, 'Œ'); Set(0x27, 'ʹ');
        Set(0x28, '·'); Set(0x29, '♭'); Set(0x2A, '®'); Set(0x2B, '±'); Set(0x2C, 'Ơ'); Set(0x2D, 'Ư'); Set(0x2E, 'ʼ');
        Set(0x30, 'ʻ'); Set(0x31, 'ł'); Set(0x32, 'ø'); Set(0x33, 'đ'); Set(0x34, 'þ'); Set(0x35, 'æ'); Set(0x36, 'œ');
        Set(0x37, 'ʺ'); Set(0x38, 'ı'); Set(0x39, '£'); Set(0x3A, 'ð'); Set(0x3C, 'ơ'); Set(0x3D, 'ư');
        Set(0x40, '°'); Set(0x41, 'ℓ'); Set(0x42, '℗'); Set(0x43, '©'); Set(0x44, '♯'); Set(0x45, '¿'); Set(0x46, '¡');
        Set(0x47, 'ß'); Set(0x48, '€');
        // Combining diacritics 0xE0–0xFE.
        char[] marks =
        [
            '\u0309', '\u0300', '\u0301', '\u0302', '\u0303', '\u0304', '\u0306', '\u0307', '\u0308', '\u030C', '\u030A',
            '\u0361', Dropped, '\u0315', '\u030B', '\u0310', '\u0327', '\u0328', '\u0323', '\u0324', '\u0325', '\u0333',
            '\u0332', '\u0326', '\u031C', '\u032E', '\u0360', Dropped, Replacement, Replacement, '\u0313',
        ];
        for (var i = 0; i < marks.Length; i++) Set(0x60 + i, marks[i]);

        var subscript = Table(c => c switch
        {
            >= '0' and <= '9' => (char)('\u2080' + (c - '0')),
            '+' => '\u208A', '-' => '\u208B', '(' => '\u208D', ')' => '\u208E',
            _ => Replacement,
        });
        var superscript = Table(c => c switch
        {
            '1' => '\u00B9', '2' => '\u00B2', '3' => '\u00B3',
            >= '0' and <= '9' => (char)('\u2070' + (c - '0')),
            '+' => '\u207A', '-' => '\u207B', '(' => '\u207D', ')' => '\u207E',
            _ => Replacement,
        });
        var greekSymbols = Table(c => c switch { 'a' => 'α', 'b' => 'β', 'c' => 'γ', _ => Replacement });

        // Basic Cyrillic (ISO 5427): 0x21–0x3F as ASCII, then the KOI order of lowercase (0x40–0x5F) and capitals (0x60–0x7E).
        const string lower = "юабцдефгхийклмнопярстужвьызшэщчъ";
        const string upper = "ЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧ";
        var cyrillic = Table(c => c switch
        {
            < (char)0x40 => c,
            < (char)0x60 => lower[c - 0x40],
            < (char)0x7F => upper[c - 0x60],
            _ => Replacement,
        });
        // Basic Hebrew: ASCII punctuation and digits, letters (with finals) at 0x60–0x7A.
        const string hebrew = "אבגדהוזחטיךכלםמןנסעףפץצקרשת";
        var hebrewSet = Table(c => c switch
        {
            < (char)0x41 => c,
            >= (char)0x60 and <= (char)0x7A => hebrew[c - 0x60],
            _ => Replacement,
        });
        var ascii = Table(c => c);
        return new Dictionary<byte, char[]>
        {
            [Ascii] = ascii,
            [(byte)'s'] = ascii,
            [Ansel] = ansel,
            [Subscript] = subscript,
            [Superscript] = superscript,
            [GreekSymbols] = greekSymbols,
            [Cyrillic] = cyrillic,
            [Hebrew] = hebrewSet,
        };
    }
}

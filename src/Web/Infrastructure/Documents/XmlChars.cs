using System.Text;
using System.Xml;

namespace Bookpost.Web.Infrastructure.Documents;

/// Characters XML 1.0 does not allow (controls, unpaired surrogates, U+FFFE and U+FFFF). A DOCX or an SVG holding one
/// cannot be written or read, so typed text holding one is refused and text from stored data is cleaned before writing.
public static class XmlChars
{
    public static bool AllValid(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (XmlConvert.IsXmlChar(s[i])) continue;
            if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i])) { i++; continue; }
            return false;
        }
        return true;
    }

    /// The text without the characters XML does not allow.
    public static string Clean(string s)
    {
        if (AllValid(s)) return s;
        var clean = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (XmlConvert.IsXmlChar(s[i])) clean.Append(s[i]);
            else if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i])) clean.Append(s[i]).Append(s[++i]);
        }
        return clean.ToString();
    }
}

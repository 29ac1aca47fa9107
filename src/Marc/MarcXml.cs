using System.Text;
using System.Xml;

namespace Bookpost.Marc;

/// <summary>Reads MARCXML (MARC21 slim): a collection, a single record, or records inside another document (OAI-PMH),
/// with or without a namespace prefix. Streams; DTDs are refused.</summary>
public sealed class MarcXmlReader : IDisposable
{
    /// <summary>The MARC21 slim namespace.</summary>
    public const string Namespace = "http://www.loc.gov/MARC21/slim";

    private readonly XmlReader _xml;
    private readonly MarcReaderOptions _options;
    private long _ordinal;
    private bool _failed;

    /// <summary>Creates a reader over a stream of MARCXML.</summary>
    public MarcXmlReader(Stream stream, MarcReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _options = options ?? new MarcReaderOptions();
        _xml = XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            CloseInput = !leaveOpen,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        });
    }

    /// <summary>Reads every remaining record in document order. Malformed XML ends the reading with an error result.</summary>
    public IEnumerable<MarcReadResult> ReadAll()
    {
        while (TryRead(out var result)) yield return result;
    }

    /// <summary>Reads the next record; false at the end of the document (or after malformed XML was reported).</summary>
    public bool TryRead(out MarcReadResult result)
    {
        result = null!;
        if (_failed) return false;
        try
        {
            while (_xml.Read())
            {
                if (_xml.NodeType != XmlNodeType.Element || _xml.LocalName != "record" || !IsMarc(_xml.NamespaceURI)) continue;
                result = ReadRecord();
                return true;
            }
            return false;
        }
        catch (XmlException e)
        {
            _failed = true;
            var issue = new MarcIssue(++_ordinal, e.LineNumber, MarcIssueSeverity.Error, $"malformed XML: {e.Message}");
            result = new MarcReadResult(null, _ordinal, e.LineNumber, [issue], MarcEncoding.Utf8, 0);
            return true;
        }
    }

    private static bool IsMarc(string ns) => ns.Length == 0 || ns == Namespace;

    private MarcReadResult ReadRecord()
    {
        var ordinal = ++_ordinal;
        var line = ((IXmlLineInfo)_xml).LineNumber;
        var issues = new List<MarcIssue>();
        void Warn(string m) => issues.Add(new MarcIssue(ordinal, line, MarcIssueSeverity.Warning, m));

        var record = new MarcRecord();
        var sawLeader = false;
        if (_xml.IsEmptyElement) Warn("empty record element");
        else
        {
            // ReadElementContentAsString and Skip leave the reader on the next node, so Read() is called only otherwise.
            var depth = _xml.Depth;
            _xml.Read();
            while (!_xml.EOF && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
            {
                if (_xml.NodeType != XmlNodeType.Element)
                {
                    _xml.Read();
                    continue;
                }
                switch (_xml.LocalName)
                {
                    case "leader":
                        var leader = _xml.ReadElementContentAsString();
                        if (leader.Length != 24)
                        {
                            Warn($"leader has {leader.Length} characters, not 24");
                            leader = leader.Length > 24 ? leader[..24] : leader.PadRight(24);
                        }
                        if (MarcReader.Digits(System.Text.Encoding.Latin1.GetBytes(leader[..5])) < 0
                            || MarcReader.Digits(System.Text.Encoding.Latin1.GetBytes(leader[12..17])) < 0)
                            Warn($"leader '{leader}' has a non-numeric length or base address");
                        record.Leader = leader;
                        sawLeader = true;
                        break;
                    case "controlfield":
                        var ctag = Tag(_xml.GetAttribute("tag"), Warn);
                        record.Fields.Add(MarcField.Control(ctag, Clean(_xml.ReadElementContentAsString())));
                        break;
                    case "datafield":
                        record.Fields.Add(ReadDataField(Warn));
                        break;
                    default:
                        _xml.Skip();
                        break;
                }
            }
        }
        if (!sawLeader) Warn("no leader; a default one was used");
        if (_options.Strict && issues.Count > 0)
        {
            issues.Add(new MarcIssue(ordinal, line, MarcIssueSeverity.Error, "strict mode: the record needed repairs and was refused"));
            return new MarcReadResult(null, ordinal, line, issues, MarcEncoding.Utf8, 1);
        }
        return new MarcReadResult(record, ordinal, line, issues, MarcEncoding.Utf8, 1);
    }

    private MarcField ReadDataField(Action<string> warn)
    {
        var tag = Tag(_xml.GetAttribute("tag"), warn);
        var ind1 = Indicator(_xml.GetAttribute("ind1"));
        var ind2 = Indicator(_xml.GetAttribute("ind2"));
        var subfields = new List<MarcSubfield>();
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return MarcField.DataOwning(tag, ind1, ind2, subfields);
        }
        var depth = _xml.Depth;
        _xml.Read();
        while (!_xml.EOF && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.NodeType != XmlNodeType.Element)
            {
                _xml.Read();
                continue;
            }
            if (_xml.LocalName != "subfield")
            {
                _xml.Skip();
                continue;
            }
            var code = _xml.GetAttribute("code");
            if (string.IsNullOrEmpty(code) || code.Length != 1)
            {
                warn($"field {tag} has a subfield code '{code}' that is not one character");
                code = string.IsNullOrEmpty(code) ? "?" : code[..1];
            }
            subfields.Add(new MarcSubfield(code[0], Clean(_xml.ReadElementContentAsString())));
        }
        _xml.Read(); // past </datafield>
        return MarcField.DataOwning(tag, ind1, ind2, subfields);
    }

    private string Clean(string text) =>
        _options.NormalizeUnicode && !text.IsNormalized(NormalizationForm.FormC) ? text.Normalize(NormalizationForm.FormC) : text;

    private static string Tag(string? tag, Action<string> warn)
    {
        if (tag is { Length: 3 }) return tag;
        warn($"tag '{tag}' is not three characters");
        return (tag ?? "").PadRight(3, '_')[..3];
    }

    private static char Indicator(string? value) => string.IsNullOrEmpty(value) ? ' ' : value[0];

    /// <summary>Closes the underlying XML reader.</summary>
    public void Dispose() => _xml.Dispose();
}

/// <summary>Writes MARCXML (MARC21 slim) collections.</summary>
public sealed class MarcXmlWriter : IDisposable
{
    private readonly XmlWriter _xml;
    private bool _started;

    /// <summary>Creates a writer that writes one &lt;collection&gt; of records to a stream in UTF-8.</summary>
    public MarcXmlWriter(Stream stream, bool indent = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _xml = XmlWriter.Create(stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = indent,
            CloseOutput = !leaveOpen,
        });
    }

    /// <summary>Writes one record. Characters that XML 1.0 cannot hold (C0 controls) are written as U+FFFD.</summary>
    public void Write(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_started)
        {
            _xml.WriteStartDocument();
            _xml.WriteStartElement("collection", MarcXmlReader.Namespace);
            _started = true;
        }
        _xml.WriteStartElement("record", MarcXmlReader.Namespace);
        _xml.WriteElementString("leader", MarcXmlReader.Namespace, record.Leader);
        foreach (var field in record.Fields)
        {
            if (field.IsControlField)
            {
                _xml.WriteStartElement("controlfield", MarcXmlReader.Namespace);
                _xml.WriteAttributeString("tag", field.Tag);
                _xml.WriteString(Safe(field.Value!));
                _xml.WriteEndElement();
                continue;
            }
            _xml.WriteStartElement("datafield", MarcXmlReader.Namespace);
            _xml.WriteAttributeString("tag", field.Tag);
            _xml.WriteAttributeString("ind1", field.Indicator1.ToString());
            _xml.WriteAttributeString("ind2", field.Indicator2.ToString());
            foreach (var s in field.Subfields)
            {
                _xml.WriteStartElement("subfield", MarcXmlReader.Namespace);
                _xml.WriteAttributeString("code", Safe(s.Code.ToString()));
                _xml.WriteString(Safe(s.Value));
                _xml.WriteEndElement();
            }
            _xml.WriteEndElement();
        }
        _xml.WriteEndElement();
    }

    private static string Safe(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
                return string.Concat(text.Select(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch) ? ch : '\uFFFD'));
        }
        return text;
    }

    /// <summary>Closes the collection and the stream (unless told to leave it open).</summary>
    public void Dispose()
    {
        if (!_started)
        {
            _xml.WriteStartDocument();
            _xml.WriteStartElement("collection", MarcXmlReader.Namespace);
        }
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Dispose();
    }
}

using System.Text;

namespace Bookpost.Marc;

/// <summary>Turns the bytes of one framed ISO 2709 record into a <see cref="MarcRecord"/>, repairing what it can.</summary>
internal static class RecordParser
{
    private const byte FieldTerminator = 0x1E, SubfieldDelimiter = 0x1F, RecordTerminator = 0x1D;

    // faithful: the writer would give back exactly these bytes (when no warning was given either): declared and valid
    // UTF-8 that needed no normalization, every field well formed and laid out in directory order, and a leader whose
    // length and base address are right.
    public static MarcRecord? Parse(ReadOnlySpan<byte> rec, MarcReaderOptions options, Action<string> warn,
        out MarcEncoding encoding, out double confidence, out string? fatal, out bool faithful)
    {
        fatal = null;
        faithful = false;
        encoding = MarcEncoding.Auto;
        confidence = 0;
        var terminated = rec[^1] == RecordTerminator;
        if (terminated) rec = rec[..^1];
        if (rec.Length < 24)
        {
            fatal = $"only {rec.Length} bytes before the record terminator: too short for a record";
            return null;
        }

        var leader = ReadLeader(rec[..24], warn);
        // The directory ends at the declared base address when a field terminator stands just before it (or when the
        // directory has no terminator at all); otherwise at the first field terminator, as the data shows.
        var firstTerminator = rec[24..].IndexOf(FieldTerminator);
        var declaredBase = MarcReader.Digits(rec[12..17]);
        int baseAddress;
        if (declaredBase > 24 && declaredBase <= rec.Length
            && (rec[declaredBase - 1] == FieldTerminator || firstTerminator < 0 || firstTerminator + 24 > declaredBase - 1))
        {
            baseAddress = declaredBase;
            if (rec[declaredBase - 1] != FieldTerminator) warn("the directory has no field terminator; used the leader's base address");
        }
        else if (firstTerminator >= 0)
        {
            baseAddress = firstTerminator + 25;
            warn($"leader gives base address {MarcReader.Latin1(rec[12..17])}, but the directory ends at {baseAddress - 1}");
        }
        else
        {
            fatal = "no field terminator after the directory and no usable base address";
            return null;
        }
        var directoryEnd = rec[baseAddress - 1] == FieldTerminator ? baseAddress - 1 : baseAddress;
        var directory = rec[24..directoryEnd];
        if (directory.Length % 12 != 0)
            warn($"directory length {directory.Length} is not a multiple of 12; the last {directory.Length % 12} bytes were ignored");
        if (leader[10] != '2' || leader[11] != '2')
            warn($"leader/10-11 is '{leader[10]}{leader[11]}', not '22'; read with 2 indicators and 1-character codes");

        var data = rec[baseAddress..];
        var decoder = ChooseDecoder(leader[9], data, options, warn);
        encoding = decoder.Encoding;
        confidence = decoder.Confidence;

        var entries = directory.Length / 12;
        var record = new MarcRecord(leader, entries);
        if (TryReadExactly(record, directory, data, decoder, out var inOrder))
        {
            // Told the encoding, the reader has not checked the bytes: invalid UTF-8 would read as U+FFFD and write back so.
            faithful = inOrder && terminated && leader[9] == 'a' && decoder.Encoding == MarcEncoding.Utf8 && !decoder.Altered
                && baseAddress == 25 + directory.Length && MarcReader.Digits(rec[..5]) == rec.Length + 1
                && (options.Encoding == MarcEncoding.Auto || System.Text.Unicode.Utf8.IsValid(data));
        }
        else if (CountFields(data) == entries)
        {
            record.Fields.Clear();
            // Offsets that disagree with the data (lengths counted in characters, shifted fields) while the data holds
            // exactly one terminated field per entry: take the fields in order.
            warn("directory lengths or offsets disagree with the data; fields were read in order");
            var rest = data;
            for (var e = 0; e < entries; e++)
            {
                var end = rest.IndexOf(FieldTerminator);
                var tag = ReadTag(directory.Slice(e * 12, 3), warn);
                record.Fields.Add(ReadField(tag, rest[..end], decoder, warn));
                rest = rest[(end + 1)..];
            }
        }
        else
        {
            record.Fields.Clear();
            ReadByDirectory(record, directory, data, decoder, warn);
        }

        if (decoder.Encoding == MarcEncoding.Utf8 && options.DetectVietnameseLegacy && VietnameseLegacy.MayBeMojibakeUtf8(data))
            RepairMojibake(record, warn, ref encoding, ref confidence);
        return record;
    }

    private static void ReadByDirectory(
        MarcRecord record, ReadOnlySpan<byte> directory, ReadOnlySpan<byte> data, TextDecoder decoder, Action<string> warn)
    {
        var next = 0;
        for (var e = 0; e + 12 <= directory.Length; e += 12)
        {
            var entry = directory.Slice(e, 12);
            var tag = ReadTag(entry[..3], warn);
            var length = MarcReader.Digits(entry[3..7]);
            var start = MarcReader.Digits(entry[7..12]);
            ReadOnlySpan<byte> field;
            if (length < 0 || start < 0 || start >= data.Length)
            {
                if (next >= data.Length)
                {
                    warn($"directory entry for {tag} points outside the record; the field was dropped");
                    continue;
                }
                warn($"directory entry for {tag} is unreadable ('{MarcReader.Latin1(entry)}'); read the next field in sequence");
                start = next;
                field = UpToTerminator(data[start..]);
            }
            else if (start + length > data.Length)
            {
                warn($"field {tag} runs past the end of the record; cut at its terminator");
                field = UpToTerminator(data[start..]);
            }
            else
            {
                field = data.Slice(start, length);
                if (field.Length > 0 && field[^1] == FieldTerminator) field = field[..^1];
                else warn($"field {tag} does not end with a field terminator");
                var inner = field.IndexOf(FieldTerminator);
                if (inner >= 0)
                {
                    warn($"field {tag} has a field terminator inside it; cut there");
                    field = field[..inner];
                }
            }
            next = start + field.Length + 1;
            record.Fields.Add(ReadField(tag, field, decoder, warn));
        }
    }

    /// <summary>The fast path for a well-formed record: every directory entry readable, and pointing at a field that
    /// ends with its terminator and holds no other. Returns false at the first irregularity, to be read again leniently.</summary>
    // inOrder: whether the fields follow each other in directory order and fill the data exactly.
    private static bool TryReadExactly(
        MarcRecord record, ReadOnlySpan<byte> directory, ReadOnlySpan<byte> data, TextDecoder decoder, out bool inOrder)
    {
        var next = 0;
        inOrder = directory.Length % 12 == 0;
        for (var e = 0; e + 12 <= directory.Length; e += 12)
        {
            var entry = directory.Slice(e, 12);
            var length = MarcReader.Digits(entry[3..7]);
            var start = MarcReader.Digits(entry[7..12]);
            if (length < 1 || start < 0 || start + length > data.Length) return false;
            inOrder &= start == next;
            next = start + length;
            var field = data.Slice(start, length - 1);
            if (data[start + length - 1] != FieldTerminator || field.Contains(FieldTerminator)) return false;
            var tag = entry[..3];
            foreach (var b in tag)
                if (b is < 0x20 or > 0x7E) return false;
            if (!TryReadWellFormedField(MarcReader.Tag(tag), field, decoder, out var parsed)) return false;
            record.Fields.Add(parsed);
        }
        inOrder &= next == data.Length;
        return true;
    }

    /// <summary>Reads a field with nothing to repair: printable indicators and data starting with a subfield delimiter.</summary>
    private static bool TryReadWellFormedField(string tag, ReadOnlySpan<byte> field, TextDecoder decoder, out MarcField parsed)
    {
        parsed = null!;
        if (tag[0] == '0' && tag[1] == '0')
        {
            parsed = MarcField.Control(tag, decoder.Decode(field));
            return true;
        }
        if (field.Length < 2 || field[0] is < 0x20 or > 0x7E || field[1] is < 0x20 or > 0x7E) return false;
        var rest = field[2..];
        if (rest.Length > 0 && rest[0] != SubfieldDelimiter) return false;
        var subfields = new List<MarcSubfield>(rest.Count(SubfieldDelimiter));
        while (rest.Length > 0)
        {
            rest = rest[1..];
            var end = rest.IndexOf(SubfieldDelimiter);
            var chunk = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[end..];
            if (chunk.Length == 0)
            {
                decoder.Altered = true; // an empty subfield (two delimiters in a row) is dropped
                continue;
            }
            if (chunk[0] is < 0x21 or > 0x7E) return false;
            subfields.Add(new MarcSubfield((char)chunk[0], decoder.Decode(chunk[1..])));
        }
        parsed = MarcField.DataOwning(tag, (char)field[0], (char)field[1], subfields);
        return true;
    }

    private static int CountFields(ReadOnlySpan<byte> data) => data.Count(FieldTerminator);

    private static string ReadLeader(ReadOnlySpan<byte> bytes, Action<string> warn)
    {
        Span<char> chars = stackalloc char[24];
        var bad = false;
        for (var i = 0; i < 24; i++)
        {
            var b = bytes[i];
            bad |= b is < 0x20 or > 0x7E;
            chars[i] = b is < 0x20 or > 0x7E ? ' ' : (char)b;
        }
        if (bad) warn("leader has unprintable bytes; they were read as blanks");
        return new string(chars);
    }

    private static string ReadTag(ReadOnlySpan<byte> bytes, Action<string> warn)
    {
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E) continue;
            var clean = new string(bytes.ToArray().Select(x => x is >= 0x20 and <= 0x7E ? (char)x : '_').ToArray());
            warn($"tag '{MarcReader.Latin1(bytes)}' has unprintable bytes; read as '{clean}'");
            return clean;
        }
        return MarcReader.Tag(bytes);
    }

    private static ReadOnlySpan<byte> UpToTerminator(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf(FieldTerminator);
        return end < 0 ? data : data[..end];
    }

    private static MarcField ReadField(string tag, ReadOnlySpan<byte> field, TextDecoder decoder, Action<string> warn)
    {
        if (tag[0] == '0' && tag[1] == '0') return MarcField.Control(tag, decoder.Decode(field));

        var ind1 = field.Length > 0 ? Indicator(field[0]) : ' ';
        var ind2 = field.Length > 1 ? Indicator(field[1]) : ' ';
        if (field.Length < 2) warn($"field {tag} is too short for its indicators");
        else if (ind1 != field[0] || ind2 != field[1]) warn($"field {tag} has unprintable indicators; read as blanks");

        var rest = field.Length > 2 ? field[2..] : [];
        if (rest.Length > 0 && rest[0] != SubfieldDelimiter)
        {
            var first = rest.IndexOf(SubfieldDelimiter);
            var junk = first < 0 ? rest : rest[..first];
            warn($"field {tag} has data before its first subfield ('{decoder.Decode(junk)}'); dropped");
            rest = first < 0 ? [] : rest[first..];
        }
        var subfields = new List<MarcSubfield>(rest.Count(SubfieldDelimiter));
        while (rest.Length > 0)
        {
            rest = rest[1..]; // the delimiter
            var end = rest.IndexOf(SubfieldDelimiter);
            var chunk = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[end..];
            if (chunk.Length == 0) continue;
            var code = (char)chunk[0];
            if (chunk[0] is < 0x21 or > 0x7E)
            {
                warn($"field {tag} has a subfield code that is not a printable character (0x{chunk[0]:X2})");
                code = '?';
            }
            subfields.Add(new MarcSubfield(code, decoder.Decode(chunk[1..])));
        }
        return MarcField.DataOwning(tag, ind1, ind2, subfields);

        static char Indicator(byte b) => b is >= 0x20 and <= 0x7E ? (char)b : ' ';
    }

    private static TextDecoder ChooseDecoder(char leader09, ReadOnlySpan<byte> data, MarcReaderOptions options, Action<string> warn)
    {
        if (options.Encoding != MarcEncoding.Auto) return new TextDecoder(options.Encoding, 1, options.NormalizeUnicode, warn);
        // The common case first, in one pass: a record that says UTF-8 and is.
        if (leader09 == 'a' && System.Text.Unicode.Utf8.IsValid(data))
        {
            // Characters below U+0300 are all NFC and take UTF-8 lead bytes below 0xCC: a record without such a byte
            // needs no normalization at all, which spares a check on every value.
            var needsNfc = options.NormalizeUnicode && data.IndexOfAnyInRange((byte)0xCC, (byte)0xFF) >= 0;
            return new TextDecoder(MarcEncoding.Utf8, 1, needsNfc, warn);
        }
        if (Ascii.IsValid(data))
        {
            // Plain ASCII reads the same in every encoding, except MARC-8's lossless &#xHHHH; references.
            var marc8 = leader09 == ' ' && data.IndexOf("&#x"u8) >= 0;
            return new TextDecoder(marc8 ? MarcEncoding.Marc8 : MarcEncoding.Utf8, 1, options.NormalizeUnicode, warn);
        }
        var validUtf8 = System.Text.Unicode.Utf8.IsValid(data);
        if (leader09 == 'a')
        {
            if (validUtf8) return new TextDecoder(MarcEncoding.Utf8, 1, options.NormalizeUnicode, warn);
            warn("leader/09 says UTF-8 but the record has invalid UTF-8 bytes");
            return Guess(data, options, warn, declaredUtf8: true);
        }
        if (leader09 != ' ') warn($"leader/09 is '{leader09}', neither 'a' (UTF-8) nor blank (MARC-8)");
        if (validUtf8)
        {
            warn("the record's bytes are valid UTF-8 although leader/09 does not say so; read as UTF-8");
            return new TextDecoder(MarcEncoding.Utf8, 0.9, options.NormalizeUnicode, warn);
        }
        return Guess(data, options, warn, declaredUtf8: false);
    }

    /// <summary>Chooses between MARC-8 and the Vietnamese legacy encodings for bytes that are not UTF-8.</summary>
    private static TextDecoder Guess(ReadOnlySpan<byte> data, MarcReaderOptions options, Action<string> warn, bool declaredUtf8)
    {
        var marc8 = Marc8.Plausibility(data);
        if (options.DetectVietnameseLegacy)
        {
            var vietnamese = VietnameseLegacy.Detect(TextOnly(data));
            if (vietnamese.Encoding != MarcEncoding.Utf8
                && vietnamese.Confidence >= VietnameseLegacy.Threshold
                && vietnamese.Confidence >= marc8)
            {
                warn($"text detected as {vietnamese.Encoding} (confidence {vietnamese.Confidence:0.00})");
                return new TextDecoder(vietnamese.Encoding, vietnamese.Confidence, options.NormalizeUnicode, warn);
            }
        }
        if (declaredUtf8 && marc8 < 0.5)
            return new TextDecoder(MarcEncoding.Utf8, 0.5, options.NormalizeUnicode, warn) { ReportReplacements = true };
        if (declaredUtf8) warn($"the bytes look like MARC-8 (confidence {marc8:0.00}); read as MARC-8");
        return new TextDecoder(MarcEncoding.Marc8, marc8, options.NormalizeUnicode, warn);
    }

    /// <summary>The record's data with each subfield delimiter and its code blanked, so codes do not stick to words.</summary>
    private static byte[] TextOnly(ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is FieldTerminator or RecordTerminator) copy[i] = (byte)' ';
            else if (copy[i] == SubfieldDelimiter)
            {
                copy[i] = (byte)' ';
                if (i + 1 < copy.Length) copy[++i] = (byte)' ';
            }
        }
        return copy;
    }

    /// <summary>A UTF-8 record whose text is legacy Vietnamese (or UTF-8) seen through Windows-1252 gets its text back.</summary>
    private static void RepairMojibake(MarcRecord record, Action<string> warn, ref MarcEncoding encoding, ref double confidence)
    {
        // Legacy Vietnamese data is Vietnamese data: its title shows the damage. Checking the title first keeps
        // European records (ü, ç, ø are "suspicious" too) from paying for a full detection.
        var title = record.GetField("245");
        if (title is not null && !title.Subfields.Exists(s => VietnameseLegacy.MayBeMojibake(s.Value))) return;
        var suspicious = new StringBuilder();
        foreach (var field in record.Fields)
        {
            if (field.IsControlField) continue;
            foreach (var s in field.Subfields)
                if (VietnameseLegacy.MayBeMojibake(s.Value)) suspicious.Append(s.Value).Append(' ');
        }
        if (suspicious.Length == 0 || VietnameseLegacy.DetectMojibake(suspicious.ToString()) is not { } found) return;
        foreach (var field in record.Fields)
        {
            if (field.IsControlField) continue;
            for (var i = 0; i < field.Subfields.Count; i++)
            {
                var s = field.Subfields[i];
                if (VietnameseLegacy.MayBeMojibake(s.Value) && VietnameseLegacy.Unmojibake(s.Value, found.Encoding) is { } repaired)
                    field.Subfields[i] = s with { Value = repaired };
            }
        }
        encoding = found.Encoding;
        confidence = found.Confidence;
        warn($"text was {found.Encoding} read as Windows-1252 (confidence {found.Confidence:0.00}); repaired");
    }

    /// <summary>Decodes field bytes in one encoding, normalizing to NFC.</summary>
    private sealed class TextDecoder(MarcEncoding encoding, double confidence, bool normalize, Action<string> warn)
    {
        private bool _warned;

        public MarcEncoding Encoding { get; } = encoding;
        public double Confidence { get; } = confidence;
        public bool ReportReplacements { get; init; }

        /// Whether some text read differs from its bytes (normalized), or some bytes were dropped.
        public bool Altered { get; set; }

        public string Decode(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty) return "";
            string text;
            if (Encoding == MarcEncoding.Utf8)
            {
                text = System.Text.Encoding.UTF8.GetString(bytes);
                if (ReportReplacements && !_warned && text.Contains('\uFFFD', StringComparison.Ordinal))
                {
                    _warned = true;
                    warn("invalid UTF-8 bytes were replaced with U+FFFD");
                }
                if (!normalize) return text;
                var nfc = Nfc(text);
                Altered |= !ReferenceEquals(nfc, text);
                return nfc;
            }
            if (Ascii.IsValid(bytes) && (Encoding != MarcEncoding.Marc8 || bytes.IndexOf((byte)'&') < 0))
                return System.Text.Encoding.ASCII.GetString(bytes);
            switch (Encoding)
            {
                case MarcEncoding.Utf8:
                    text = System.Text.Encoding.UTF8.GetString(bytes);
                    if (ReportReplacements && !_warned && text.Contains('\uFFFD', StringComparison.Ordinal))
                    {
                        _warned = true;
                        warn("invalid UTF-8 bytes were replaced with U+FFFD");
                    }
                    break;
                case MarcEncoding.Marc8:
                    text = Marc8.Decode(bytes, out var errors);
                    if (errors && !_warned)
                    {
                        _warned = true;
                        warn("some MARC-8 bytes or escape sequences could not be decoded (U+FFFD)");
                    }
                    break;
                default:
                    return VietnameseLegacy.Decode(bytes, Encoding);
            }
            return normalize ? Nfc(text) : text;
        }

        private static string Nfc(string text) => Marc.Nfc.Normalize(text);
    }
}

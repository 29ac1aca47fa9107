namespace Bookpost.Marc;

/// <summary>How serious a problem found while reading is.</summary>
public enum MarcIssueSeverity
{
    /// <summary>The record was recovered; something in it was repaired or guessed.</summary>
    Warning,

    /// <summary>The record could not be read and was skipped (or, in strict mode, was refused).</summary>
    Error,
}

/// <summary>A problem found while reading, located by record ordinal (from 1) and byte offset of the record in the input.</summary>
/// <param name="RecordOrdinal">The record's position in the input, counting from 1.</param>
/// <param name="ByteOffset">The byte offset of the record's start in the input (for XML, the line number).</param>
/// <param name="Severity">Whether the record was recovered or skipped.</param>
/// <param name="Message">What was wrong, in English.</param>
public sealed record MarcIssue(long RecordOrdinal, long ByteOffset, MarcIssueSeverity Severity, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"record {RecordOrdinal} at byte {ByteOffset}: {Severity.ToString().ToLowerInvariant()}: {Message}";
}

/// <summary>The character encodings a reader can be told to use, or detect.</summary>
public enum MarcEncoding
{
    /// <summary>Decide per record: leader/09, byte validity and Vietnamese legacy detection.</summary>
    Auto,
    /// <summary>UTF-8 (leader/09 = a).</summary>
    Utf8,
    /// <summary>MARC-8 (leader/09 blank).</summary>
    Marc8,
    /// <summary>Vietnamese TCVN 5712 (TCVN3, "ABC").</summary>
    Tcvn3,
    /// <summary>Vietnamese VNI-Windows font encoding.</summary>
    Vni,
    /// <summary>Vietnamese VISCII (RFC 1456).</summary>
    Viscii,
    /// <summary>Windows-1252, for Western European legacy data.</summary>
    Windows1252,
}

/// <summary>The result of reading one record: the record, or why it was skipped, and any repairs made.</summary>
public sealed class MarcReadResult
{
    internal MarcReadResult(MarcRecord? record, long ordinal, long byteOffset, IReadOnlyList<MarcIssue> issues, MarcEncoding encoding,
        double confidence, byte[]? original = null)
    {
        Record = record;
        Original = original;
        Ordinal = ordinal;
        ByteOffset = byteOffset;
        Issues = issues;
        Encoding = encoding;
        EncodingConfidence = confidence;
    }

    /// <summary>The record, or null when it was skipped.</summary>
    public MarcRecord? Record { get; }

    /// <summary>The record's position in the input, counting from 1.</summary>
    public long Ordinal { get; }

    /// <summary>The byte offset of the record's first byte in the input.</summary>
    public long ByteOffset { get; }

    /// <summary>Repairs (warnings) and, for a skipped record, the reason (an error).</summary>
    public IReadOnlyList<MarcIssue> Issues { get; }

    /// <summary>The encoding the record's text was decoded from.</summary>
    public MarcEncoding Encoding { get; }

    /// <summary>How sure the reader is of <see cref="Encoding"/>: 1 when declared and valid, lower when guessed.</summary>
    public double EncodingConfidence { get; }

    /// <summary>True when the record could not be read.</summary>
    public bool IsSkipped => Record is null;

    /// <summary>The record's bytes as read, when <see cref="MarcReaderOptions.KeepOriginal"/> is set and writing
    /// <see cref="Record"/> with <see cref="MarcWriter"/> would give these very bytes: a well-formed UTF-8 record, laid out
    /// in directory order, that needed no repair and no normalization. Null otherwise.</summary>
    /// <remarks>Keeping a record as it came spares encoding it again.</remarks>
    public byte[]? Original { get; }
}

/// <summary>How a reader treats its input.</summary>
public sealed record MarcReaderOptions
{
    /// <summary>Refuse any record that needed a repair, instead of recovering it. Default false (lenient).</summary>
    public bool Strict { get; init; }

    /// <summary>The character encoding, or <see cref="MarcEncoding.Auto"/> (the default) to decide per record.</summary>
    public MarcEncoding Encoding { get; init; } = MarcEncoding.Auto;

    /// <summary>Normalize all text to Unicode NFC (the default).</summary>
    public bool NormalizeUnicode { get; init; } = true;

    /// <summary>Look for TCVN3, VNI or VISCII text, raw or as Windows-1252 mojibake, in Auto mode (the default).</summary>
    public bool DetectVietnameseLegacy { get; init; } = true;

    /// <summary>The largest record accepted, in bytes: a bound on memory for hostile input. Default 1 MiB
    /// (ISO 2709 itself cannot describe more than 99,999 bytes).</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>Give each record that <see cref="MarcWriter"/> would write back unchanged its bytes as read, in
    /// <see cref="MarcReadResult.Original"/>. Default false. ISO 2709 only.</summary>
    public bool KeepOriginal { get; init; }
}

using System.Buffers;
using System.Text;

namespace Bookpost.Marc;

/// <summary>
/// Reads ISO 2709 (MARC 21 "transmission format") records from a stream, one at a time, in constant memory.
/// </summary>
/// <remarks>
/// <para>Lenient by default: a wrong record length, a bad directory, a missing terminator, junk between records or
/// invalid bytes are repaired where the data allows it and reported as warnings; a record that cannot be recovered is
/// skipped with an error. Every issue names the record's ordinal and byte offset. The reader never throws for bad
/// data, always advances, and never buffers more than <see cref="MarcReaderOptions.MaxRecordBytes"/> (plus one read).</para>
/// <para>In strict mode any record that needs a repair is skipped with its issues.</para>
/// </remarks>
public sealed class MarcReader : IDisposable
{
    private const byte RecordTerminator = 0x1D, FieldTerminator = 0x1E, SubfieldDelimiter = 0x1F;
    private const int InitialBuffer = 256 * 1024;

    private static readonly string[] s_numericTags = Enumerable.Range(0, 1000)
        .Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly MarcReaderOptions _options;
    private byte[] _buffer;
    private int _start, _end;
    private long _bufferOffset;
    private bool _eof;
    private long _ordinal;
    private readonly IssueLog _log = new();

    /// <summary>Creates a reader over a stream positioned at the first record.</summary>
    public MarcReader(Stream stream, MarcReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? new MarcReaderOptions();
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    }

    /// <summary>The number of input bytes consumed so far.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Reads every remaining record (recovered, or skipped with its reason) in input order.</summary>
    public IEnumerable<MarcReadResult> ReadAll()
    {
        while (TryRead(out var result)) yield return result;
    }

    /// <summary>Reads the next record. Returns false at the end of the input.</summary>
    /// <param name="result">The record or, if it could not be read, why; null at the end.</param>
    public bool TryRead(out MarcReadResult result)
    {
        result = null!;
        string? skippedJunk = null;
        while (true)
        {
            SkipSeparators();
            if (Available == 0) return false;
            Ensure(24);
            if (PlausibleLeaderAt(0)) break;
            var junk = JunkLength(out var leaderFollows);
            var text = _buffer.AsSpan(_start, junk);
            var blank = text.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)0) < 0;
            if (!blank && !leaderFollows)
            {
                var junkOffset = Position;
                _start += junk;
                var issue = new MarcIssue(
                    ++_ordinal, junkOffset, MarcIssueSeverity.Error, $"{junk} bytes that are not a MARC record were skipped");
                result = new MarcReadResult(null, _ordinal, junkOffset, [issue], MarcEncoding.Auto, 0);
                return true;
            }
            if (!blank) skippedJunk = $"skipped {junk} bytes of junk before the record";
            _start += junk;
        }

        var ordinal = ++_ordinal;
        var offset = Position;
        _log.Begin(ordinal, offset);
        if (skippedJunk is not null) _log.Warn(skippedJunk);

        var length = Frame(_log.Warn, out var tooLong);
        if (tooLong)
        {
            _log.Error($"no record terminator within {_options.MaxRecordBytes} bytes; skipped to the next terminator");
            SkipPastNextTerminator();
            result = new MarcReadResult(null, ordinal, offset, _log.Take(), MarcEncoding.Auto, 0);
            return true;
        }

        var frame = _buffer.AsSpan(_start, length);
        _start += length;
        MarcRecord? record = null;
        byte[]? original = null;
        var encoding = MarcEncoding.Auto;
        double confidence = 0;
        if (length < 24)
        {
            _log.Error($"only {length} bytes: too short for a record");
        }
        else
        {
            record = RecordParser.Parse(frame, _options, _log.Warn, out encoding, out confidence, out var fatal, out var faithful);
            if (fatal is not null) _log.Error(fatal);
            if (faithful && _options.KeepOriginal && _log.Count == 0) original = frame.ToArray();
        }
        if (record is not null && _options.Strict && _log.Count > 0)
        {
            _log.Error("strict mode: the record needed repairs and was refused");
            record = null;
        }
        result = new MarcReadResult(record, ordinal, offset, _log.Take(), encoding, confidence, record is null ? null : original);
        return true;
    }

    private int Available => _end - _start;

    /// <summary>Finds where the current record ends. Trusts the record terminator over the leader's length, but
    /// trusts the length when the terminator is missing and another record starts exactly there.</summary>
    private int Frame(Action<string> warn, out bool tooLong)
    {
        tooLong = false;
        Ensure(24);
        var declared = Digits(_buffer.AsSpan(_start, Math.Min(5, Available)));
        var terminator = FindTerminator();
        if (terminator == -2)
        {
            tooLong = true;
            return 0;
        }
        if (terminator >= 0 && declared >= 24 && terminator == declared - 1) return declared;

        if (declared >= 24 && (terminator < 0 || terminator > declared - 1) && declared <= Available && LooksLikeLeader(declared))
        {
            warn($"record terminator missing at the end of the {declared} bytes the leader gives");
            return declared;
        }
        if (terminator >= 0)
        {
            var length = Latin1(_buffer.AsSpan(_start, Math.Min(5, Available)));
            warn(declared < 0
                ? $"record length '{length}' is not a number; used the record terminator at byte {terminator + 1}"
                : $"leader gives {declared} bytes but the record terminator is at byte {terminator + 1}");
            return terminator + 1;
        }
        warn("no record terminator before the end of the input (truncated?)");
        return Available;
    }

    /// <summary>
    /// Index of the next record terminator relative to the record's start: -1 at the end of input, -2 past the size bound.
    /// </summary>
    private int FindTerminator()
    {
        var searched = 0;
        while (true)
        {
            var index = _buffer.AsSpan(_start + searched, Available - searched).IndexOf(RecordTerminator);
            if (index >= 0) return searched + index;
            searched = Available;
            if (searched >= _options.MaxRecordBytes) return -2;
            if (_eof) return -1;
            Fill();
        }
    }

    /// <summary>A record can start here: its length or its base address is a number.</summary>
    private bool PlausibleLeaderAt(int at)
    {
        if (Available < at + 5) return false;
        if (Digits(_buffer.AsSpan(_start + at, 5)) >= 0) return true;
        return Available >= at + 17 && Digits(_buffer.AsSpan(_start + at + 12, 5)) >= 0;
    }

    /// <summary>How many bytes to skip to reach the next plausible leader (both numbers readable) before the next record
    /// terminator; without one, the bytes up to and including that terminator (or to the end).</summary>
    private int JunkLength(out bool leaderFollows)
    {
        leaderFollows = false;
        var terminator = FindTerminator();
        var limit = terminator >= 0 ? terminator + 1 : Available;
        for (var p = 1; p < limit; p++)
        {
            Ensure(p + 24);
            if (Available >= p + 24 && LooksLikeLeader(p))
            {
                leaderFollows = true;
                return p;
            }
        }
        return Math.Max(1, limit);
    }

    private bool LooksLikeLeader(int at)
    {
        Ensure(at + 24);
        if (Available < at + 24) return false;
        var leader = _buffer.AsSpan(_start + at, 24);
        return Digits(leader[..5]) >= 24 && Digits(leader[12..17]) >= 24;
    }

    private static readonly SearchValues<byte> s_separators = SearchValues.Create([(byte)'\n', (byte)'\r', 0x1A, 0x00, RecordTerminator]);

    /// <summary>Between records: line breaks, DOS end-of-file marks, NULs and stray terminators.</summary>
    private void SkipSeparators()
    {
        while (true)
        {
            if (Available == 0)
            {
                if (_eof) return;
                Fill();
                continue;
            }
            var span = _buffer.AsSpan(_start, Available);
            var skip = span.IndexOfAnyExcept(s_separators) is var k && k < 0 ? span.Length : k;
            if (skip == 0) return;
            _start += skip;
        }
    }

    private void SkipPastNextTerminator()
    {
        while (true)
        {
            var index = _buffer.AsSpan(_start, Available).IndexOf(RecordTerminator);
            if (index >= 0)
            {
                _start += index + 1;
                return;
            }
            _start = _end;
            if (_eof) return;
            Fill();
        }
    }

    private void Ensure(int bytes)
    {
        while (Available < bytes && !_eof) Fill();
    }

    /// <summary>Reads more input, moving the unread part to the front and growing the buffer only up to the size bound.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, Available);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, InitialBuffer));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    /// <summary>Collects one record's issues without allocating anything for the usual record that has none.</summary>
    private sealed class IssueLog
    {
        private long _ordinal, _offset;
        private List<MarcIssue>? _items;

        public IssueLog() => Warn = message => Add(MarcIssueSeverity.Warning, message);

        public Action<string> Warn { get; }
        public int Count => _items?.Count ?? 0;

        public void Begin(long ordinal, long offset) => (_ordinal, _offset, _items) = (ordinal, offset, null);

        public void Error(string message) => Add(MarcIssueSeverity.Error, message);

        public IReadOnlyList<MarcIssue> Take() => _items is null ? [] : _items;

        private void Add(MarcIssueSeverity severity, string message) =>
            (_items ??= []).Add(new MarcIssue(_ordinal, _offset, severity, message));
    }

    internal static int Digits(ReadOnlySpan<byte> span)
    {
        if (span.Length == 0) return -1;
        var value = 0;
        foreach (var b in span)
        {
            if (b is < (byte)'0' or > (byte)'9') return -1;
            value = value * 10 + (b - '0');
        }
        return value;
    }

    internal static string Latin1(ReadOnlySpan<byte> span) => Encoding.Latin1.GetString(span);

    internal static string Tag(ReadOnlySpan<byte> tag)
    {
        var n = Digits(tag);
        return n >= 0 ? s_numericTags[n] : Latin1(tag);
    }

    /// <summary>Returns the buffer to the pool and closes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen) _stream.Dispose();
    }
}

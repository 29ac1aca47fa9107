using System.Buffers;
using System.Globalization;
using System.Text;

namespace Bookpost.Marc;

/// <summary>Writes records as ISO 2709 in UTF-8 (leader/09 = a), recomputing the record length, base address and directory.</summary>
public sealed class MarcWriter : IDisposable
{
    private const byte RecordTerminator = 0x1D, FieldTerminator = 0x1E, SubfieldDelimiter = 0x1F;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _data = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _record = new(16 * 1024);

    /// <summary>Creates a writer that appends records to a stream.</summary>
    public MarcWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Writes one record.</summary>
    /// <exception cref="ArgumentException">A field or the record is too long for ISO 2709 (9,999 and 99,999 bytes).</exception>
    public void Write(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Encode(record, _data, _record);
        _stream.Write(_record.WrittenSpan);
    }

    /// <summary>The ISO 2709 bytes of one record.</summary>
    /// <exception cref="ArgumentException">A field or the record is too long for ISO 2709.</exception>
    public static byte[] ToBytes(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // The work buffers are kept per thread: an import encodes every record it stores, and growing two fresh buffers
        // for each one cost more than the encoding.
        var data = t_data ??= new ArrayBufferWriter<byte>(16 * 1024);
        var output = t_output ??= new ArrayBufferWriter<byte>(16 * 1024);
        Encode(record, data, output);
        var bytes = output.WrittenSpan.ToArray();
        if (output.Capacity > 256 * 1024) (t_data, t_output) = (null, null); // a huge record's buffers are not kept
        return bytes;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_data;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;

    private static void Encode(MarcRecord record, ArrayBufferWriter<byte> data, ArrayBufferWriter<byte> output)
    {
        data.ResetWrittenCount();
        output.ResetWrittenCount();
        var lengths = new int[record.Fields.Count];
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var field = record.Fields[i];
            var before = data.WrittenCount;
            if (field.IsControlField)
            {
                Utf8(data, field.Value!);
            }
            else
            {
                Byte(data, Ascii(field.Indicator1));
                Byte(data, Ascii(field.Indicator2));
                foreach (var s in field.Subfields)
                {
                    Byte(data, SubfieldDelimiter);
                    Byte(data, Ascii(s.Code));
                    Utf8(data, s.Value);
                }
            }
            Byte(data, FieldTerminator);
            lengths[i] = data.WrittenCount - before;
            if (lengths[i] > 9999)
                throw new ArgumentException($"Field {field.Tag} is {lengths[i]} bytes; ISO 2709 allows 9,999.", nameof(record));
        }

        var baseAddress = 24 + 12 * record.Fields.Count + 1;
        var total = baseAddress + data.WrittenCount + 1;
        if (total > 99999) throw new ArgumentException($"The record is {total} bytes; ISO 2709 allows 99,999.", nameof(record));

        var leader = record.Leader.ToCharArray();
        Digits(leader, 0, 5, total);
        leader[9] = 'a';
        Digits(leader, 12, 5, baseAddress);
        foreach (var c in leader) Byte(output, Ascii(c));

        var start = 0;
        for (var i = 0; i < record.Fields.Count; i++)
        {
            foreach (var c in record.Fields[i].Tag) Byte(output, Ascii(c));
            Text(output, lengths[i].ToString("D4", CultureInfo.InvariantCulture));
            Text(output, start.ToString("D5", CultureInfo.InvariantCulture));
            start += lengths[i];
        }
        Byte(output, FieldTerminator);
        output.Write(data.WrittenSpan);
        Byte(output, RecordTerminator);
    }

    private static byte Ascii(char c) => c is >= ' ' and <= '~' ? (byte)c : (byte)' ';

    private static void Digits(char[] leader, int at, int width, int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        text.CopyTo(0, leader, at, width);
    }

    private static void Byte(ArrayBufferWriter<byte> writer, byte b)
    {
        writer.GetSpan(1)[0] = b;
        writer.Advance(1);
    }

    private static void Text(ArrayBufferWriter<byte> writer, string ascii)
    {
        foreach (var c in ascii) Byte(writer, (byte)c);
    }

    private static void Utf8(ArrayBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Flushes and, unless told to leave it open, closes the stream.</summary>
    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen) _stream.Dispose();
    }
}

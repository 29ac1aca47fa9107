using System.Globalization;
using System.Text;

namespace Bookpost.Marc.Tests;

/// <summary>Builds ISO 2709 bytes by hand, so tests can put any bytes into a record.</summary>
internal static class TestRecords
{
    public static byte[] Iso2709(char leader09, params (string Tag, string Indicators, (char Code, byte[] Value)[] Subfields)[] fields)
    {
        var data = new List<byte>();
        var directory = new StringBuilder();
        foreach (var (tag, indicators, subfields) in fields)
        {
            var start = data.Count;
            data.AddRange(Encoding.ASCII.GetBytes(indicators));
            foreach (var (code, value) in subfields)
            {
                data.Add(0x1F);
                data.Add((byte)code);
                data.AddRange(value);
            }
            data.Add(0x1E);
            directory.Append(tag).Append((data.Count - start).ToString("D4", CultureInfo.InvariantCulture)).Append(start.ToString("D5", CultureInfo.InvariantCulture));
        }
        var baseAddress = 24 + directory.Length + 1;
        var length = baseAddress + data.Count + 1;
        var leader = $"{length:D5}nam {leader09}22{baseAddress:D5} i 4500";
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(leader + directory));
        bytes.Add(0x1E);
        bytes.AddRange(data);
        bytes.Add(0x1D);
        return bytes.ToArray();
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static MarcReadResult ReadOne(byte[] bytes, MarcReaderOptions? options = null)
    {
        using var reader = new MarcReader(new MemoryStream(bytes), options);
        return Assert.Single(reader.ReadAll());
    }
}

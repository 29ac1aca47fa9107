using System.Buffers.Binary;
using Bookpost.Web.Infrastructure.Files;
using SkiaSharp;

namespace Bookpost.Web.Tests.Infrastructure;

/// Photos are shrunk before they are kept, and a picture that would decode to hundreds of megabytes is refused unread.
public sealed class PhotosTests
{
    [Fact]
    public void ATinyPngClaiming12000By12000Pixels_IsRefusedWithoutDecoding()
    {
        Assert.Null(Photos.Normalize(PngHeader(12_000, 12_000)));
    }

    [Fact]
    public void APhoneSizedPicture_IsKeptAsAJpegOf1600PixelsAtMost()
    {
        using var bitmap = new SKBitmap(3000, 2000);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var small = Photos.Normalize(jpeg);
        Assert.NotNull(small);
        using var codec = SKCodec.Create(new MemoryStream(small));
        Assert.Equal(1600, codec.Info.Width);
        Assert.Equal(1067, codec.Info.Height);
    }

    [Fact]
    public void BytesThatAreNoPicture_AreRefused() => Assert.Null(Photos.Normalize("MZ\u0090 not a picture"u8.ToArray()));

    /// A PNG's signature and IHDR chunk (with its CRC) and nothing else: all a decoder reads to learn the size.
    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[17];
        "IHDR"u8.CopyTo(ihdr);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8; // bit depth
        ihdr[13] = 6; // RGBA
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, 13);
        png.Write(number);
        png.Write(ihdr);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(ihdr));
        png.Write(number);
        return png.ToArray();
    }

    /// PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) over a chunk's type and data.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}

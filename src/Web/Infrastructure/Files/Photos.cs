using SkiaSharp;

namespace Bookpost.Web.Infrastructure.Files;

/// Photos taken on a phone (inspections, evidence), made small before they are stored: at most
/// <see cref="MaxEdge"/> pixels on the long side, JPEG, turned upright from the camera's orientation tag. A large
/// photo is decoded at a reduced scale where the format allows it (JPEG), so a 40-megapixel picture never sits whole
/// in memory and is never kept whole.
public static class Photos
{
    public const int MaxEdge = 1600;

    /// Pictures with more pixels than this are refused outright (an image "bomb": a tiny PNG of 12,000 × 12,000 decodes to
    /// 576 MB). A 40-megapixel phone photo passes; a JPEG of it is decoded at a reduced scale anyway.
    public const long MaxPixels = 50_000_000;

    // Decoding a large picture takes hundreds of megabytes for a moment: one at a time, so a burst of uploads cannot add
    // them up.
    private static readonly SemaphoreSlim s_decoding = new(1, 1);

    /// The photo as a stored JPEG; null when the bytes are not a picture SkiaSharp can read.
    public static byte[]? Normalize(byte[] content, int maxEdge = MaxEdge, int quality = 82)
    {
        s_decoding.Wait();
        try { return Shrink(content, maxEdge, quality); }
        finally { s_decoding.Release(); }
    }

    private static byte[]? Shrink(byte[] content, int maxEdge, int quality)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels) return null;
        var scale = Math.Min(1f, (float)maxEdge / Math.Max(info.Width, info.Height));
        var decodeSize = codec.GetScaledDimensions(scale);
        // The codec can only reduce by powers of two; ask for at least the target so the final resize only shrinks.
        if (Math.Max(decodeSize.Width, decodeSize.Height) < (int)(Math.Max(info.Width, info.Height) * scale)) decodeSize = info.Size;
        using var decoded = new SKBitmap(new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return null;
        var ratio = Math.Min(1f, (float)maxEdge / Math.Max(decoded.Width, decoded.Height));
        var width = Math.Max(1, (int)Math.Round(decoded.Width * ratio));
        var height = Math.Max(1, (int)Math.Round(decoded.Height * ratio));
        using var resized = ratio < 1f ? decoded.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            : decoded.Copy();
        if (resized is null) return null;
        using var upright = Upright(resized, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return jpeg?.ToArray();
    }

    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var turn = origin switch
        {
            SKEncodedOrigin.BottomRight => 180,
            SKEncodedOrigin.RightTop => 90,
            SKEncodedOrigin.LeftBottom => 270,
            _ => 0,
        };
        if (turn == 0) return bitmap.Copy();
        var swap = turn != 180;
        var result = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(result);
        canvas.Translate(result.Width / 2f, result.Height / 2f);
        canvas.RotateDegrees(turn);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return result;
    }
}

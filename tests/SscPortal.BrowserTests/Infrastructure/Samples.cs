using System.Buffers.Binary;
using System.Text;

namespace SscPortal.BrowserTests.Infrastructure;

/// <summary>
/// Files a flow chooses to upload, built byte by byte in the test. The JPEG is the one the web tests use
/// (tests/SscPortal.Web.Tests/Evidence/InspectionSamples.cs, internal to that assembly), copied here.
/// </summary>
public static class Samples
{
    public const string Person = "Maria Quispe";
    public const string Camera = "Canon EOS R5 SN0451";

    /// <summary>
    /// A small, structurally valid JPEG whose EXIF names a camera and points to a GPS block (a southern latitude), with an
    /// XMP creator and a comment naming a person: all of it hidden metadata the portal removes from an image it is given.
    /// </summary>
    public static byte[] PhotoWithGps()
    {
        var make = Ascii(Camera + "\0");
        var tiff = new List<byte>();
        tiff.AddRange(Ascii("MM")); tiff.AddRange(BigEndian16(42)); tiff.AddRange(BigEndian32(8));
        tiff.AddRange(BigEndian16(2)); // two entries
        var makeOffset = 8 + 2 + 2 * 12 + 4;
        var gpsOffset = makeOffset + make.Length;
        tiff.AddRange([0x01, 0x0F, 0x00, 0x02]); tiff.AddRange(BigEndian32((uint)make.Length)); tiff.AddRange(BigEndian32((uint)makeOffset));
        tiff.AddRange([0x88, 0x25, 0x00, 0x04]); tiff.AddRange(BigEndian32(1)); tiff.AddRange(BigEndian32((uint)gpsOffset));
        tiff.AddRange(BigEndian32(0));
        tiff.AddRange(make);
        tiff.AddRange(BigEndian16(1)); tiff.AddRange([0x00, 0x01, 0x00, 0x02]); tiff.AddRange(BigEndian32(2)); tiff.AddRange(Ascii("S\0\0\0")); tiff.AddRange(BigEndian32(0));
        var exif = Concat(Ascii("Exif\0\0"), [.. tiff]);
        var xmp = Ascii($"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>{Person}</dc:creator></x:xmpmeta>");
        var dht = new byte[17 + 1];
        dht[0] = 0x00; dht[1] = 1; dht[17] = 0x00;
        return Concat(
            [0xFF, 0xD8],
            Segment(0xE0, Concat(Ascii("JFIF\0"), [1, 1, 0, 0, 1, 0, 1, 0, 0])),
            Segment(0xE1, exif),
            Segment(0xE1, xmp),
            Segment(0xFE, Ascii("Taken by " + Person)),
            Segment(0xDB, Concat([0x00], Enumerable.Repeat((byte)1, 64).ToArray())),
            Segment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
            Segment(0xC4, dht),
            Segment(0xDA, [1, 1, 0, 0, 0x3F, 0]),
            [0x12, 0x34, 0xFF, 0x00, 0x56, 0x78],
            [0xFF, 0xD9]);
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] BigEndian32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, value); return b; }

    private static byte[] Segment(byte marker, byte[] data) => Concat([0xFF, marker], BigEndian16(data.Length + 2), data);
}

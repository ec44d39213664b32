using System.Text.RegularExpressions;
using System.Xml;

namespace SscPortal.Web.Evidence.Inspection;

/// <summary>
/// Decides what an uploaded file is from its content, refuses what the portal may not store, lists the
/// author metadata documents carry, and writes clean copies. Works on a seekable stream (the upload's
/// temp file) from its start, streaming or with bounded memory; declared sizes are never trusted.
/// </summary>
public static class FileInspector
{
    private const int HeadLength = 8192;

    /// <summary>
    /// Decides the type from the content (never a name), refuses what may not be stored, lists author metadata found (documents and PDFs).
    /// Never throws for bad content (IO errors from the stream itself may propagate); leaves the stream position anywhere.
    /// </summary>
    public static InspectionResult Inspect(Stream content, InspectionLimits? limits = null)
    {
        RequireSeekable(content);
        try
        {
            return InspectCore(content, limits ?? InspectionLimits.Default);
        }
        catch (RefusedContentException refused)
        {
            return InspectionResult.Refused(refused.Refusal);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or XmlException or OverflowException or FormatException)
        {
            return InspectionResult.Refused(Refusal.Damaged);
        }
        catch (RegexMatchTimeoutException)
        {
            return InspectionResult.Refused(Refusal.UnknownType);
        }
    }

    /// <summary>
    /// Images (and audio where supported): writes a copy without hidden metadata to output; returns a list of what was removed (empty if nothing).
    /// Throws nothing for content Inspect accepted. Other types are copied unchanged.
    /// </summary>
    public static IReadOnlyList<string> StripHiddenMetadata(Stream input, Stream output, DetectedType type)
    {
        RequireSeekable(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return type.ContentType switch
            {
                "image/jpeg" => Pieces.WriteKept(JpegFormat.Walk(input), input, output),
                "image/png" => Pieces.WriteKept(PngFormat.Walk(input), input, output),
                "image/gif" => Pieces.WriteKept(GifFormat.Walk(input), input, output),
                "image/webp" => RiffFormat.StripWebP(input, output),
                "audio/wav" => RiffFormat.StripWave(input, output),
                "audio/mpeg" => Mp3Format.Strip(input, output),
                "audio/flac" => FlacFormat.Strip(input, output),
                "audio/mp4" => IsoMediaFormat.Strip(input, output),
                _ => CopyUnchanged(input, output),
            };
        }
        catch (RefusedContentException e)
        {
            throw new InvalidDataException($"The file is not a well-formed {type.Extension} file ({e.Refusal}); inspect it first.", e);
        }
    }

    /// <summary>
    /// Documents and PDFs: writes a copy with the author metadata that Inspect listed removed. Afterwards Inspect on the output lists none of it.
    /// Other types are copied unchanged. Throws <see cref="InvalidDataException"/> for content Inspect would refuse.
    /// </summary>
    public static void RemoveAuthorMetadata(Stream input, Stream output, DetectedType type)
    {
        RequireSeekable(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            switch (type.Family)
            {
                case FileFamily.Pdf:
                    var scan = PdfFormat.Read(input);
                    OutputPlan.Patched(input.Length, scan.Patches).WriteTo(input, output);
                    break;
                case FileFamily.Document or FileFamily.Spreadsheet or FileFamily.Presentation:
                    OfficeFormats.RemoveAuthorMetadata(ZipContainer.Open(input, InspectionLimits.Default), type, output);
                    break;
                default:
                    CopyUnchanged(input, output);
                    break;
            }
        }
        catch (RefusedContentException e)
        {
            throw new InvalidDataException($"The file is not a well-formed {type.Extension} file ({e.Refusal}); inspect it first.", e);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"The file is not a well-formed {type.Extension} file; inspect it first.", e);
        }
    }

    private static InspectionResult InspectCore(Stream content, InspectionLimits limits)
    {
        if (content.Length == 0) return InspectionResult.Refused(Refusal.Empty);
        var head = new byte[(int)Math.Min(HeadLength, content.Length)];
        content.Position = 0;
        content.ReadExactly(head);

        if (IsExecutable(head)) return InspectionResult.Refused(Refusal.Executable);
        if (head.AsSpan().StartsWith("%PDF-"u8)) return InspectPdf(content);
        if (ZipContainer.Matches(head))
        {
            var zip = ZipContainer.Open(content, limits);
            return OfficeFormats.Inspect(zip);
        }
        if (head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return InspectionResult.Refused(Refusal.LegacyOffice);
        if (JpegFormat.Matches(head)) return Valid(DetectedTypes.Jpeg, () => JpegFormat.Walk(content));
        if (PngFormat.Matches(head)) return Valid(DetectedTypes.Png, () => PngFormat.Walk(content));
        if (GifFormat.Matches(head)) return Valid(DetectedTypes.Gif, () => GifFormat.Walk(content));
        if (RiffFormat.IsWebP(head)) return Valid(DetectedTypes.WebP, () => RiffFormat.ValidateWebP(content));
        if (RiffFormat.IsWave(head)) return Valid(DetectedTypes.Wav, () => RiffFormat.ValidateWave(content));
        if (FlacFormat.Matches(head)) return Valid(DetectedTypes.Flac, () => FlacFormat.Walk(content));
        if (OggFormat.Matches(head)) return Valid(DetectedTypes.Ogg, () => OggFormat.Validate(content));
        if (IsoMediaFormat.Matches(head)) return Valid(DetectedTypes.M4a, () => IsoMediaFormat.Validate(content));
        if (Mp3Format.HasId3(head) || Mp3Format.FrameLength(head) > 0) return Valid(DetectedTypes.Mp3, () => Mp3Format.Validate(content));

        if (TextSniffer.Classify(head) is { } refusal) return InspectionResult.Refused(refusal);
        if (PdfFormat.StartsWithin(head, 1024)) return InspectPdf(content);
        return InspectionResult.Refused(Refusal.UnknownType);
    }

    private static InspectionResult InspectPdf(Stream content)
    {
        var scan = PdfFormat.Read(content);
        if (scan.Encrypted) return InspectionResult.Refused(Refusal.Encrypted);
        return InspectionResult.Of(DetectedTypes.Pdf, scan.Found.ToList());
    }

    private static InspectionResult Valid(DetectedType type, Action validate)
    {
        validate();
        return InspectionResult.Of(type);
    }

    private static InspectionResult Valid<T>(DetectedType type, Func<T> walk)
    {
        walk();
        return InspectionResult.Of(type);
    }

    private static bool IsExecutable(ReadOnlySpan<byte> head) =>
        head.StartsWith("MZ"u8) // Windows PE (and DOS)
        || head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]) // ELF
        || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF]) // Mach-O
        || head.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
        || head.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]) // Java class, Mach-O universal
        || head.StartsWith("\0asm"u8) // WebAssembly
        || head.StartsWith((ReadOnlySpan<byte>)[0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]); // Windows shortcut

    private static IReadOnlyList<string> CopyUnchanged(Stream input, Stream output)
    {
        input.Position = 0;
        input.CopyTo(output);
        return [];
    }

    private static void RequireSeekable(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanRead || !content.CanSeek) throw new ArgumentException("The content must be a readable, seekable stream (the upload's temp file).", nameof(content));
    }
}

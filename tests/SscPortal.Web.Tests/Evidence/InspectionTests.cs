using System.IO.Compression;
using System.Text;
using SscPortal.Web.Evidence.Inspection;
using static SscPortal.Web.Tests.Evidence.InspectionSamples;

namespace SscPortal.Web.Tests.Evidence;

/// <summary>
/// Uploaded evidence: the type comes from the content, what may not be stored is refused with a reason,
/// images lose their hidden metadata and documents can lose their authors' names.
/// </summary>
public sealed class InspectionTests
{
    private static InspectionResult Inspect(byte[] content, InspectionLimits? limits = null)
    {
        using var stream = new MemoryStream(content, writable: false);
        return FileInspector.Inspect(stream, limits);
    }

    private static (byte[] Output, IReadOnlyList<string> Removed) Strip(byte[] content, DetectedType type)
    {
        using var input = new MemoryStream(content, writable: false);
        using var output = new MemoryStream();
        var removed = FileInspector.StripHiddenMetadata(input, output, type);
        return (output.ToArray(), removed);
    }

    private static byte[] RemoveAuthors(byte[] content, DetectedType type)
    {
        using var input = new MemoryStream(content, writable: false);
        using var output = new MemoryStream();
        FileInspector.RemoveAuthorMetadata(input, output, type);
        return output.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static bool Contains(byte[] haystack, string needle) => Contains(haystack, Encoding.UTF8.GetBytes(needle));

    [Fact]
    public void Every_accepted_type_is_detected_from_its_content()
    {
        foreach (var (name, content, type) in Accepted())
        {
            var result = Inspect(content);
            Assert.True(result.Accepted, $"{name}: refused as {result.Refusal}");
            Assert.Equal(type, result.Type);
        }
    }

    [Fact]
    public void Stripping_a_jpeg_removes_exif_gps_xmp_and_comments_and_keeps_the_picture()
    {
        var jpeg = Jpeg();
        Assert.True(Contains(jpeg, Camera) && Contains(jpeg, GpsPointerEntry) && Contains(jpeg, Person));

        var (clean, removed) = Strip(jpeg, DetectedTypes.Jpeg);

        Assert.Equal(["EXIF", "XMP", "Comment"], removed);
        Assert.False(Contains(clean, Camera));
        Assert.False(Contains(clean, GpsPointerEntry));
        Assert.False(Contains(clean, Person));
        Assert.False(Contains(clean, "Exif"));
        Assert.True(Contains(clean, [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0, .. JpegScanData, 0xFF, 0xD9]));
        Assert.True(Contains(clean, "JFIF"));
        Assert.Equal(DetectedTypes.Jpeg, Inspect(clean).Type);
        Assert.Empty(Strip(clean, DetectedTypes.Jpeg).Removed);
    }

    [Fact]
    public void Stripping_a_png_removes_text_and_time_chunks_and_keeps_the_image_data()
    {
        var (clean, removed) = Strip(Png(), DetectedTypes.Png);

        Assert.Equal(["Text", "Time stamp"], removed);
        Assert.False(Contains(clean, Person));
        Assert.False(Contains(clean, "tEXt"));
        Assert.False(Contains(clean, "tIME"));
        Assert.True(Contains(clean, [.. Encoding.ASCII.GetBytes("IDAT"), .. PngImageData()]));
        Assert.True(Contains(clean, "gAMA"));
        Assert.Equal(DetectedTypes.Png, Inspect(clean).Type);
    }

    [Fact]
    public void Stripping_a_gif_removes_comments_and_xmp_but_keeps_the_animation_loop()
    {
        var (clean, removed) = Strip(Gif(), DetectedTypes.Gif);

        Assert.Equal(["Comment", "XMP"], removed);
        Assert.False(Contains(clean, Person));
        Assert.True(Contains(clean, "NETSCAPE2.0"));
        Assert.True(Contains(clean, [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B]));
        Assert.Equal(DetectedTypes.Gif, Inspect(clean).Type);
    }

    [Fact]
    public void Stripping_a_webp_removes_exif_and_xmp_clears_their_flags_and_fixes_the_size()
    {
        var (clean, removed) = Strip(WebP(), DetectedTypes.WebP);

        Assert.Equal(["EXIF", "XMP"], removed);
        Assert.False(Contains(clean, Camera));
        Assert.False(Contains(clean, Person));
        Assert.Equal(clean.Length - 8, BitConverter.ToInt32(clean, 4));
        Assert.Equal(0, clean[20] & 0x0C);
        Assert.True(Contains(clean, WebPImageData));
        Assert.Equal(DetectedTypes.WebP, Inspect(clean).Type);
    }

    [Fact]
    public void Stripping_audio_removes_tags_where_the_format_allows()
    {
        foreach (var (content, type, expected) in new[]
        {
            (Mp3(), DetectedTypes.Mp3, new[] { "ID3v2 tag", "ID3v1 tag" }),
            (Wav(), DetectedTypes.Wav, ["Tags (LIST INFO)"]),
            (Flac(), DetectedTypes.Flac, ["Tags (Vorbis comment)"]),
            (M4a(), DetectedTypes.M4a, ["User data (udta)"]),
        })
        {
            var (clean, removed) = Strip(content, type);
            Assert.Equal(expected, removed);
            Assert.False(Contains(clean, Person) && type != DetectedTypes.M4a, type.Extension);
            Assert.Equal(type, Inspect(clean).Type);
        }

        // An M4A keeps its length so that the sample offsets in moov stay right; the tags are in a "free" box no player reads.
        var m4a = M4a();
        var (cleanM4a, _) = Strip(m4a, DetectedTypes.M4a);
        Assert.Equal(m4a.Length, cleanM4a.Length);
        Assert.False(Contains(cleanM4a, "udta"));

        // The FLAC's last metadata block is flagged as last again.
        var (cleanFlac, _) = Strip(Flac(), DetectedTypes.Flac);
        Assert.Equal(0x80, cleanFlac[4]);

        // Ogg is copied as it is.
        var (ogg, oggRemoved) = Strip(Ogg(), DetectedTypes.Ogg);
        Assert.Empty(oggRemoved);
        Assert.Equal(Ogg(), ogg);
    }

    [Fact]
    public void A_docx_lists_its_authors_and_a_cleaned_copy_lists_none()
    {
        var result = Inspect(Docx());

        Assert.Equal(DetectedTypes.Docx, result.Type);
        Assert.Equal(
            [
                new AuthorMetadata("Author", Person),
                new AuthorMetadata("Last modified by", "Jorge Mamani"),
                new AuthorMetadata("Company", "Cooperativa Andina"),
                new AuthorMetadata("Manager", "Ana Flores"),
                new AuthorMetadata("Tracked change author", Person),
                new AuthorMetadata("Tracked change author", "Jorge Mamani"),
                new AuthorMetadata("Comment author", Person),
                new AuthorMetadata("Comment author initials", "MQ"),
            ],
            result.AuthorMetadata.OrderBy(m => m.Field == "Author" ? 0 : m.Field == "Last modified by" ? 1 : m.Field == "Company" ? 2 : m.Field == "Manager" ? 3 : m.Field.StartsWith("Tracked", StringComparison.Ordinal) ? 4 : 5));

        var clean = RemoveAuthors(Docx(), DetectedTypes.Docx);
        var after = Inspect(clean);
        Assert.Equal(DetectedTypes.Docx, after.Type);
        Assert.Empty(after.AuthorMetadata);

        // Everything else is still there, readable by an ordinary zip reader, in the same order.
        using var zip = new ZipArchive(new MemoryStream(clean), ZipArchiveMode.Read);
        using var original = new ZipArchive(new MemoryStream(Docx()), ZipArchiveMode.Read);
        Assert.Equal(original.Entries.Select(e => e.FullName), zip.Entries.Select(e => e.FullName));
        var document = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
        Assert.Contains(DocumentText, document, StringComparison.Ordinal);
        Assert.Contains("<w:ins", document, StringComparison.Ordinal);
        var core = new StreamReader(zip.GetEntry("docProps/core.xml")!.Open()).ReadToEnd();
        Assert.Contains("Field report", core, StringComparison.Ordinal);
        Assert.DoesNotContain(Person, core, StringComparison.Ordinal);
        Assert.Equal(
            new StreamReader(original.GetEntry("_rels/.rels")!.Open()).ReadToEnd(),
            new StreamReader(zip.GetEntry("_rels/.rels")!.Open()).ReadToEnd());
    }

    [Fact]
    public void Spreadsheets_and_presentations_list_their_authors_and_lose_them()
    {
        foreach (var (content, type) in new[] { (Xlsx(), DetectedTypes.Xlsx), (Pptx(), DetectedTypes.Pptx) })
        {
            var result = Inspect(content);
            Assert.Equal(type, result.Type);
            Assert.Contains(new AuthorMetadata("Author", Person), result.AuthorMetadata);
            Assert.Contains(new AuthorMetadata("Comment author", Person), result.AuthorMetadata);

            var after = Inspect(RemoveAuthors(content, type));
            Assert.Equal(type, after.Type);
            Assert.Empty(after.AuthorMetadata);
        }
    }

    [Fact]
    public void An_odt_lists_its_authors_and_the_cleaned_copy_keeps_its_mimetype_first_and_stored()
    {
        var result = Inspect(OpenDocument());
        Assert.Equal(DetectedTypes.Odt, result.Type);
        Assert.Contains(new AuthorMetadata("Author", Person), result.AuthorMetadata);
        Assert.Contains(new AuthorMetadata("Last modified by", Person), result.AuthorMetadata);
        Assert.Contains(new AuthorMetadata("Comment or tracked change author", Person), result.AuthorMetadata);

        var clean = RemoveAuthors(OpenDocument(), DetectedTypes.Odt);

        var after = Inspect(clean);
        Assert.Equal(DetectedTypes.Odt, after.Type);
        Assert.Empty(after.AuthorMetadata);
        Assert.False(Contains(clean, Person));
        Assert.Equal(0, BitConverter.ToUInt16(clean, 8)); // stored
        Assert.Equal("mimetypeapplication/vnd.oasis.opendocument.text", Encoding.ASCII.GetString(clean, 30, 47));
    }

    [Fact]
    public void A_pdf_lists_its_author_and_the_cleaned_copy_keeps_every_offset()
    {
        var pdf = Pdf();
        var result = Inspect(pdf);
        Assert.Equal(DetectedTypes.Pdf, result.Type);
        Assert.Equal([new AuthorMetadata("Author", Person)], result.AuthorMetadata);

        var clean = RemoveAuthors(pdf, DetectedTypes.Pdf);

        Assert.Equal(pdf.Length, clean.Length);
        Assert.False(Contains(clean, Person));
        var after = Inspect(clean);
        Assert.Equal(DetectedTypes.Pdf, after.Type);
        Assert.Empty(after.AuthorMetadata);
        // Only the names' bytes changed, each into a space.
        var changed = Enumerable.Range(0, pdf.Length).Where(i => pdf[i] != clean[i]).ToList();
        Assert.Equal(2 * Person.Count(c => c != ' '), changed.Count);
        Assert.All(changed, i => Assert.Equal((byte)' ', clean[i]));
        Assert.Contains("/Title (Field \\(report\\))", Encoding.Latin1.GetString(clean), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_author_in_a_hex_string_is_found_and_blanked()
    {
        var hex = "<FEFF" + string.Concat(Person.Select(c => $"{(int)c:X4}")) + ">";
        var pdf = Pdf(author: hex);

        Assert.Contains(new AuthorMetadata("Author", Person), Inspect(pdf).AuthorMetadata);
        var clean = RemoveAuthors(pdf, DetectedTypes.Pdf);
        Assert.Equal(pdf.Length, clean.Length);
        Assert.Empty(Inspect(clean).AuthorMetadata);
        Assert.Contains("/Author <" + string.Concat(Enumerable.Repeat("20", hex.Length / 2 - 1)) + ">", Encoding.Latin1.GetString(clean), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_typed_by_content_whatever_their_bytes_would_be_named()
    {
        // The inspector takes no name at all: a PNG is a PNG, an executable is an executable.
        Assert.Equal(DetectedTypes.Png, Inspect(Png()).Type);
        Assert.Equal(Refusal.Executable, Inspect([.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, .. new byte[200]]).Refusal);
    }

    [Fact]
    public void Programs_scripts_and_markup_are_refused_with_their_reason()
    {
        Assert.Equal(Refusal.Executable, Inspect([.. "MZ"u8, .. new byte[62], .. "PE\0\0"u8]).Refusal);
        Assert.Equal(Refusal.Executable, Inspect([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, .. new byte[56]]).Refusal);
        Assert.Equal(Refusal.Executable, Inspect([0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1]).Refusal);
        Assert.Equal(Refusal.Executable, Inspect([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0x34]).Refusal);
        Assert.Equal(Refusal.Executable, Inspect([0, .. "asm"u8, 1, 0, 0, 0]).Refusal);
        Assert.Equal(Refusal.Script, Inspect(Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf /\n")).Refusal);
        Assert.Equal(Refusal.Script, Inspect(Encoding.ASCII.GetBytes("@echo off\r\ndel /q C:\\*\r\n")).Refusal);
        Assert.Equal(Refusal.Script, Inspect(Encoding.ASCII.GetBytes("$c = New-Object Net.WebClient\nInvoke-Expression $c.DownloadString('x')\n")).Refusal);
        Assert.Equal(Refusal.Script, Inspect(Encoding.ASCII.GetBytes("var shell = new ActiveXObject('WScript.Shell');\nshell.Run('calc');\n")).Refusal);
        Assert.Equal(Refusal.Html, Inspect(Encoding.UTF8.GetBytes("\uFEFF  <!DOCTYPE html><html><body>Hi</body></html>")).Refusal);
        Assert.Equal(Refusal.Html, Inspect(Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")).Refusal);
        Assert.Equal(Refusal.Html, Inspect(Encoding.ASCII.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")).Refusal);
        Assert.Equal(Refusal.Html, Inspect(Encoding.ASCII.GetBytes("\n<?xml version=\"1.0\"?><svg/>")).Refusal);
        Assert.Equal(Refusal.Html, Inspect(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<html></html>")).ToArray()).Refusal);
        Assert.Equal(Refusal.UnknownType, Inspect(Encoding.ASCII.GetBytes("Minutes of the meeting, 3 March.\nWe agreed to let the committee decide.\n")).Refusal);
    }

    [Fact]
    public void Empty_legacy_and_unknown_files_are_refused_with_their_reason()
    {
        Assert.Equal(Refusal.Empty, Inspect([]).Refusal);
        Assert.Equal(Refusal.LegacyOffice, Inspect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]]).Refusal);
        Assert.Equal(Refusal.UnknownType, Inspect(Zip(("notes.txt", "hello"))).Refusal);
        Assert.Equal(Refusal.UnknownType, Inspect(M4a(handler: "vide", brand: "isom")).Refusal);
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        random[0] = 0x42;
        Assert.Equal(Refusal.UnknownType, Inspect(random).Refusal);
    }

    [Fact]
    public void Macro_documents_are_refused()
    {
        Assert.Equal(Refusal.MacroEnabled, Inspect(Docx("application/vnd.ms-word.document.macroEnabled.main+xml")).Refusal);
        Assert.Equal(Refusal.MacroEnabled, Inspect(Docx(extra: ("word/vbaProject.bin", "VBA"))).Refusal);
    }

    [Fact]
    public void OpenDocument_files_with_macros_or_a_password_are_refused()
    {
        var withMacro = Zip(
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "<x/>"),
            ("Basic/Standard/Module1.xml", "<script:module/>"),
            ("META-INF/manifest.xml", """<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"""));
        Assert.Equal(Refusal.MacroEnabled, Inspect(withMacro).Refusal);

        var withPassword = Zip(
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "encrypted bytes"),
            ("META-INF/manifest.xml", """<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>"""));
        Assert.Equal(Refusal.Encrypted, Inspect(withPassword).Refusal);
    }

    [Fact]
    public void Data_hidden_after_the_end_of_an_image_is_dropped_from_the_clean_copy()
    {
        var polyglot = Jpeg().Concat(Zip(("secret.txt", Person))).ToArray();
        Assert.Equal(DetectedTypes.Jpeg, Inspect(polyglot).Type);

        var (clean, removed) = Strip(polyglot, DetectedTypes.Jpeg);

        Assert.Contains("Data after the image", removed);
        Assert.Equal([0xFF, 0xD9], clean[^2..]);
        Assert.False(Contains(clean, "secret.txt"));
    }

    [Fact]
    public void An_encrypted_pdf_is_refused()
    {
        Assert.Equal(Refusal.Encrypted, Inspect(Pdf(trailerExtra: "/Encrypt 9 0 R ")).Refusal);
    }

    [Fact]
    public void Truncated_files_are_damaged()
    {
        foreach (var (name, content) in new[] { ("jpeg", Jpeg()), ("png", Png()), ("pdf", Pdf()), ("docx", Docx()), ("gif", Gif()), ("webp", WebP()), ("flac", Flac()) })
        {
            foreach (var cut in new[] { content.Length / 2, content.Length - 10, content.Length * 3 / 4 })
                Assert.True(Refusal.Damaged == Inspect(content[..cut]).Refusal, $"{name} cut to {cut} bytes: {Inspect(content[..cut]).Refusal}");
        }
        Assert.Equal(Refusal.Damaged, Inspect(Jpeg()[..^1]).Refusal);
        Assert.Equal(Refusal.Damaged, Inspect(Png()[..^1]).Refusal);
    }

    [Fact]
    public void A_zip_declaring_300_megabytes_is_a_zip_bomb()
    {
        const long size = 300L * 1024 * 1024;
        var bomb = RawZip([("zeros.bin", 8, DeflatedZeros(size), 0, size)]);

        Assert.Equal(Refusal.ZipBomb, Inspect(bomb).Refusal);
    }

    [Fact]
    public void A_document_whose_entry_expands_past_its_declared_size_is_a_zip_bomb()
    {
        // The headers claim a kilobyte; the data inflates to 300 MB. Expanding stops at the declared size.
        var docx = new MemoryStream(Docx());
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Read))
        {
            var entries = zip.Entries.Select(e => (e.FullName, (ushort)8, Deflated(ReadAll(e)), e.Crc32, e.Length)).ToList();
            entries.Add(("word/media/image1.png", 8, DeflatedZeros(300L * 1024 * 1024), 0u, 1024));
            Assert.Equal(Refusal.ZipBomb, Inspect(RawZip(entries)).Refusal);
        }

        static byte[] ReadAll(ZipArchiveEntry entry)
        {
            using var s = entry.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }
    }

    [Fact]
    public void A_zip_with_twenty_thousand_entries_is_a_zip_bomb()
    {
        var zip = RawZip(Enumerable.Range(0, 20_000).Select(i => ($"f{i}", (ushort)0, Array.Empty<byte>(), 0u, 0L)));

        Assert.Equal(Refusal.ZipBomb, Inspect(zip).Refusal);
    }

    [Fact]
    public void A_small_entry_that_expands_too_far_for_its_size_is_a_zip_bomb()
    {
        var limits = new InspectionLimits(MaxRatio: 50);
        var zip = RawZip([("[Content_Types].xml", 8, DeflatedZeros(4L * 1024 * 1024), 0, 4L * 1024 * 1024)]);

        Assert.Equal(Refusal.ZipBomb, Inspect(zip, limits).Refusal);
    }

    [Fact]
    public void A_zip_without_its_directory_is_damaged()
    {
        var docx = Docx();
        Assert.Equal(Refusal.Damaged, Inspect(docx[..(docx.Length - 30)]).Refusal);
        Assert.Equal(Refusal.Damaged, Inspect([.. "PK\u0003\u0004"u8, .. new byte[100]]).Refusal);
    }

    [Fact]
    public void Inspect_never_throws_on_garbage_or_on_any_truncation_of_a_valid_file()
    {
        var random = new Random(20260302);
        byte[][] magics =
        [
            [], "%PDF-1.7\n"u8.ToArray(), "PK\u0003\u0004"u8.ToArray(), [0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            "GIF89a"u8.ToArray(), "RIFF\u0040\0\0\0WEBP"u8.ToArray(), "RIFF\u0040\0\0\0WAVE"u8.ToArray(), "ID3\u0003\0\0"u8.ToArray(), [0xFF, 0xFB, 0x90, 0x64],
            "fLaC"u8.ToArray(), "OggS\0"u8.ToArray(), "\0\0\0\u0018ftypM4A "u8.ToArray(), "<?xml"u8.ToArray(), "\uFEFF"u8.ToArray(),
        ];
        foreach (var magic in magics)
        {
            for (var i = 0; i < 40; i++)
            {
                var garbage = new byte[random.Next(0, 3000)];
                random.NextBytes(garbage);
                var result = Inspect([.. magic, .. garbage]);
                Assert.True(result.Refusal is not null || result.Type is not null);
            }
        }

        foreach (var (_, content, _) in Accepted())
        {
            var cuts = new HashSet<int> { 1, 2, 3, 4, 5, 7, 8, 11, 12, 16, 22, 30, 31, 64, 100 };
            for (var cut = 0; cut < content.Length; cut += Math.Max(1, content.Length / 60)) cuts.Add(cut);
            for (var back = 1; back <= 40; back++) cuts.Add(content.Length - back);
            foreach (var cut in cuts.Where(c => c > 0 && c < content.Length))
            {
                var result = Inspect(content[..cut]);
                Assert.True(result.Refusal is not null || result.Type is not null);
            }
            // Bytes flipped in the middle, too.
            for (var i = 0; i < 30; i++)
            {
                var damaged = (byte[])content.Clone();
                damaged[random.Next(damaged.Length)] ^= (byte)random.Next(1, 256);
                Inspect(damaged);
            }
        }
    }
}

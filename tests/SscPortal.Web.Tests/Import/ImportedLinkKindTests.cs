using SscPortal.Domain;
using SscPortal.Web.Pages.Initiatives;

namespace SscPortal.Web.Tests.Import;

/// <summary>
/// What an IATI file says of a document link (its category and media type) is kept with the link, so that an imported
/// activity is exported as it was received, and editing the record in the portal does not lose it for links it keeps.
/// </summary>
public sealed class ImportedLinkKindTests
{
    [Theory]
    [InlineData("A01", true)]
    [InlineData("A07", true)]
    [InlineData("A12", true)]
    [InlineData("A13", false)]
    [InlineData("A00", false)]
    [InlineData("B01", false)]
    [InlineData("a07", false)]
    [InlineData("A7", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_activity_document_categories_are_kept(string? code, bool kept) =>
        Assert.Equal(kept, InitiativeLink.IsActivityDocumentCategory(code));

    [Theory]
    [InlineData("application/pdf", true)]
    [InlineData("text/html", true)]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", true)]
    [InlineData("image/svg+xml", true)]
    [InlineData("pdf", false)]
    [InlineData("/pdf", false)]
    [InlineData("application/", false)]
    [InlineData("a/b/c", false)]
    [InlineData("text/html; charset=utf-8", false)]
    [InlineData("text/<script>", false)]
    [InlineData(null, false)]
    public void Only_media_types_are_kept_as_formats(string? format, bool kept) =>
        Assert.Equal(kept, InitiativeLink.IsMediaType(format));

    [Fact]
    public void Editing_a_record_keeps_the_kind_of_the_links_it_keeps_and_gives_new_links_none()
    {
        var initiative = new Initiative { Title = "Huertos", Summary = "Rural schools grow food.", Language = "en" };
        initiative.Links.Add(new InitiativeLink { Title = "Baseline study", Url = "https://huertos.example/baseline.pdf", Category = "A08", Format = "application/pdf" });
        initiative.Links.Add(new InitiativeLink { Title = "Old page", Url = "https://huertos.example/old", Category = "A12", Format = "text/html" });
        var input = InitiativeInput.From(initiative);

        input.Links[0].Title = "Baseline study (2024)";
        input.Links.RemoveAt(1);
        input.Links.Add(new LinkRow { Title = "New page", Url = " https://huertos.example/new " });
        input.ApplyTo(initiative);

        Assert.Collection(initiative.Links,
            kept => Assert.Equal(("Baseline study (2024)", "https://huertos.example/baseline.pdf", "A08", "application/pdf"), (kept.Title, kept.Url, kept.Category, kept.Format)),
            added => Assert.Equal(("New page", "https://huertos.example/new", (string?)null, (string?)null), (added.Title, added.Url, added.Category, added.Format)));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// Evidence on an initiative: a civil-society organisation's admin adds a photo that carries a GPS position to one of
/// the organisation's initiatives for everyone to read, and is told its hidden metadata was removed; the file's page gives
/// its SHA-256 fingerprint (that of the bytes served), its size and who added it. A second file, kept to the organisation,
/// is only counted for a visitor, never named nor linked.
/// </summary>
public sealed class EvidenceTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    private const string Ibon = "IBON International";

    public static TheoryData<Mode> Modes => [Mode.Desktop, Mode.Phone, Mode.Keyboard];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_CSO_admin_adds_a_photo_whose_GPS_position_is_removed_and_a_restricted_file_that_a_visitor_sees_only_counted(Mode mode)
    {
        var ibon = await suite.Portal.ActorIdAsync(Ibon);
        var title = Steps.Unique("Community seed bank");
        await suite.Portal.PublishedInitiativeAsync(ibon, title);
        var photo = Samples.PhotoWithGps();

        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        var files = page.GetByRole(AriaRole.Region, new() { Name = "Files", Exact = true });
        await visit.StartAtHomeAsync();

        // IBON's admin opens the organisation's initiative from "My work" and adds a photo for everyone who may read it.
        await visit.SignInAsync("cso.admin@example.org");
        await visit.GoToMyWorkAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Published", Exact = true }).GetByRole(AriaRole.Link, new() { Name = title }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = title })).ToBeVisibleAsync();
        await AddFileAsync(visit, files, "site visit.jpg", photo, restricted: false);
        var listed = files.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "site visit.jpg" }) });
        await Assertions.Expect(listed).ToContainTextAsync(Ibon);
        await Assertions.Expect(listed).Not.ToContainTextAsync("Restricted to");

        // The file's page: its fingerprint is that of the bytes served, which no longer carry the camera nor the GPS block.
        await visit.FollowAsync(listed.GetByRole(AriaRole.Link, new() { Name = "site visit.jpg" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "site visit.jpg" })).ToBeVisibleAsync();
        var fingerprint = Fact(page, "SHA-256 fingerprint");
        await Assertions.Expect(fingerprint).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await Assertions.Expect(Fact(page, "Added by")).ToHaveTextAsync(Ibon);
        await Assertions.Expect(Fact(page, "Who may read it")).ToHaveTextAsync("Everyone who may read the record");
        await Assertions.Expect(Fact(page, "Removed when added")).Not.ToBeEmptyAsync();
        var download = visit.MainContent().GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Download site visit\\.jpg") });
        var served = await (await page.APIRequest.GetAsync((await download.GetAttributeAsync("href"))!)).BodyAsync();
        Assert.NotEqual(photo.Length, served.Length);
        Assert.DoesNotContain(Samples.Camera, Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Person, Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(served)), (await fingerprint.InnerTextAsync()).Trim());
        Assert.True(served.Length < 1024, $"The stored photo is {served.Length} bytes.");
        await Assertions.Expect(Fact(page, "Size")).ToHaveTextAsync(string.Format(CultureInfo.InvariantCulture, "{0} B", served.Length));
        output.WriteLine($"{mode}: removed when added: {await Fact(page, "Removed when added").InnerTextAsync()}; {photo.Length} bytes chosen, {served.Length} stored");

        // Back on the initiative, a second file kept to the organisation.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = title }));
        await AddFileAsync(visit, files, "minutes.jpg", photo, restricted: true);
        await Assertions.Expect(files.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "minutes.jpg" }) }))
            .ToContainTextAsync($"Restricted to {Ibon}");
        await visit.SignOutAsync();

        // A visitor finds the initiative: the photo is listed, the restricted file only counted, never named nor linked.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Initiatives", Exact = true }));
        await visit.FillAsync(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }), title);
        await visit.FollowAsync(page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = title }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(files.GetByRole(AriaRole.Link, new() { Name = "site visit.jpg" })).ToBeVisibleAsync();
        await Assertions.Expect(files.GetByText("1 restricted document supports this, not shown to you.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "minutes.jpg" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("minutes.jpg");
        await Assertions.Expect(files.GetByRole(AriaRole.Link, new() { Name = "Add a file" })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// From the initiative's "Files" section: "Add a file", choose the file (from the keyboard, with the focus on the file
    /// field first), choose who may read it, add it, and land back on the section, told the hidden metadata was removed.
    /// </summary>
    private static async Task AddFileAsync(Visit visit, ILocator files, string name, byte[] content, bool restricted)
    {
        var page = visit.Page;
        await visit.FollowAsync(files.GetByRole(AriaRole.Link, new() { Name = "Add a file" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Add a file" })).ToBeVisibleAsync();
        var upload = page.GetByLabel("File", new() { Exact = true });
        if (visit.Mode == Mode.Keyboard) await visit.TabToAsync(upload);
        await upload.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/jpeg", Buffer = content });
        var who = page.GetByRole(AriaRole.Group, new() { Name = "Who may read it" });
        var everyone = who.GetByRole(AriaRole.Radio, new() { Name = "Everyone who may read the record" });
        await Assertions.Expect(everyone).ToBeCheckedAsync();
        if (restricted) await visit.CheckAsync(who.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Only my organisation") }));
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add the file" }));
        Assert.EndsWith("#files", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The file was added. Hidden metadata (such as a camera's GPS position) was removed from it:" })).ToBeVisibleAsync();
        await Assertions.Expect(files.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    /// <summary>The value of one of the file page's facts, by its term.</summary>
    private static ILocator Fact(IPage page, string term) =>
        page.Locator("dl.facts > dt").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(term)}$") }).Locator("xpath=following-sibling::dd[1]");
}

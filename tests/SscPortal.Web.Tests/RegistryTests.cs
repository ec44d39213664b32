using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Recording initiatives: no lost edits, a history of every change, drafts that can go and published records that stay.</summary>
public abstract class RegistryTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;



    [Fact]
    public async Task Two_saves_racing_from_the_same_version_cannot_both_win()
    {
        var owner = await Portal.ActorAsync();
        var id = await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null);
        await using var first = Portal.Services.CreateAsyncScope();
        await using var second = Portal.Services.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<AppDbContext>().Initiatives.SingleAsync(i => i.Id == id);
        var secondDb = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var b = await secondDb.Initiatives.SingleAsync(i => i.Id == id);
        Assert.Equal(a.Version, b.Version);

        a.Title = "First writer";
        a.Version++;
        await first.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        b.Title = "Second writer";
        b.Version++;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        Assert.Equal("First writer", (await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id))).Title);
    }

    [Fact]
    public async Task The_second_editor_sees_both_versions_keeps_their_input_and_chooses()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "Original title");
        using var alice = await world.BrowserAsync(Role.CsoMember);
        using var bob = await world.BrowserAsync(Role.CsoAdmin);
        var aliceForm = await alice.GetOkAsync($"/initiatives/{id}/edit");
        var bobForm = await bob.GetOkAsync($"/initiatives/{id}/edit");

        await alice.SubmitAsync(aliceForm, "form.record-form", new Dictionary<string, string> { ["Input.Title"] = "Alice's title" });
        var conflict = await bob.SubmitAsync(bobForm, "form.record-form", new Dictionary<string, string> { ["Input.Title"] = "Bob's title", ["Input.Summary"] = "Bob's summary" });

        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        Assert.Contains("Someone else saved this record", conflict.Text, StringComparison.Ordinal);
        Assert.Equal("Bob's title", conflict.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal("Bob's summary", conflict.Document.QuerySelector("#Input_Summary")!.TextContent.Trim());
        var comparison = conflict.Document.QuerySelector(".conflict table")!.TextContent;
        Assert.Contains("Alice's title", comparison, StringComparison.Ordinal);
        Assert.Contains("Bob's title", comparison, StringComparison.Ordinal);
        Assert.Equal("Alice's title", (await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id))).Title);

        // Bob keeps his version, knowingly: now it saves, and both edits are in the history.
        var saved = await bob.SubmitAsync(conflict, "form.record-form", new Dictionary<string, string>());
        Assert.Equal($"/initiatives/{id}", saved.Address.AbsolutePath);
        Assert.Equal("Bob's title", (await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id))).Title);
        var edits = await Portal.WithDatabaseAsync(db => db.RecordChanges.AsNoTracking().Where(c => c.RecordType == RecordType.Initiative && c.RecordId == id && c.Kind == ChangeKind.Edited).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, edits.Count);
        Assert.Contains(edits[1].Fields, f => f is { Field: "Title", From: "Alice's title", To: "Bob's title" });
    }

    [Fact]
    public async Task Every_kind_of_change_is_in_the_history_with_who_which_organisation_and_what()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var form = await admin.GetOkAsync("/initiatives/new");
        var created = await admin.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = "Community radio exchange", ["Input.Summary"] = "Radios share practice.",
            ["Input.Modality"] = "Triangular", ["Input.Countries[0].Code"] = "PE", ["Input.Countries[0].Role"] = "FirstProvider",
            ["Input.Countries[1].Code"] = "DE", ["Input.Countries[1].Role"] = "SecondProvider", ["Input.Countries[2].Code"] = "PY", ["Input.Countries[2].Role"] = "Recipient",
        });
        var id = int.Parse(created.Address.AbsolutePath.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        var edited = await admin.SubmitAsync(await admin.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", new Dictionary<string, string> { ["Input.Status"] = "Implementation" });
        var published = await admin.SubmitAsync(edited, "form[action*='handler=Publish']", new Dictionary<string, string>());
        await admin.SubmitAsync(published, "form.unpublish", new Dictionary<string, string> { ["Reason"] = "Figures under review" });

        var history = await admin.GetOkAsync($"/initiatives/{id}/history");

        var entries = history.Document.QuerySelectorAll(".history > li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, entries.Count);
        Assert.Contains("Unpublished", entries[0], StringComparison.Ordinal);
        Assert.Contains("Figures under review", entries[0], StringComparison.Ordinal);
        Assert.Contains("Published", entries[1], StringComparison.Ordinal);
        Assert.Contains("Edited", entries[2], StringComparison.Ordinal);
        Assert.Contains("Pipeline", entries[2], StringComparison.Ordinal);
        Assert.Contains("Implementation", entries[2], StringComparison.Ordinal);
        Assert.Contains("Created", entries[3], StringComparison.Ordinal);
        Assert.Contains("Community radio exchange", entries[3], StringComparison.Ordinal);
        Assert.All(entries, e => Assert.Contains(world.CsoA.Name, e, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Contains("UTC", e, StringComparison.Ordinal));

        // Members see who made each change; the public sees the organisation, never a person's address.
        var email = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == world.UserIds[Role.CsoAdmin]).Select(u => u.Email!).SingleAsync());
        Assert.Contains(email, history.Text, StringComparison.Ordinal);
        await Portal.WithDatabaseAsync(async db =>
        {
            var record = await db.Initiatives.Include(i => i.Countries).Include(i => i.Actors).SingleAsync(i => i.Id == id);
            record.Publish(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        using var anonymous = Portal.CreateBrowser();
        var publicHistory = await anonymous.GetOkAsync($"/initiatives/{id}/history");
        Assert.Contains(world.CsoA.Name, publicHistory.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(email, publicHistory.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_can_be_deleted_by_its_owners_and_the_deletion_is_recorded_but_a_published_record_cannot()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", publishedAt: null, title: "Abandoned idea");
        var published = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: "Public record");
        using var member = await world.BrowserAsync(Role.AgencyMember);

        var unconfirmed = await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{draft}"), "form.delete", new Dictionary<string, string>());
        Assert.Contains("Nothing was deleted: tick the box", unconfirmed.Text, StringComparison.Ordinal);
        Assert.True(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync(i => i.Id == draft)));

        var afterDelete = await member.SubmitAsync(unconfirmed, "form.delete", new Dictionary<string, string> { ["Confirm"] = "true" });
        Assert.Equal("/my", afterDelete.Address.AbsolutePath);
        Assert.Contains("Abandoned idea", afterDelete.Text, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync(i => i.Id == draft)));
        Assert.True(await Portal.WithDatabaseAsync(db => db.RecordChanges.AnyAsync(c => c.RecordType == RecordType.Initiative && c.RecordId == draft && c.Kind == ChangeKind.Deleted)));

        var (client, token) = await world.ClientAsync(Role.AgencyAdmin);
        await client.PostAsync(new Uri($"/initiatives/{published}?handler=Delete", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Confirm", "true")]));
        Assert.True(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync(i => i.Id == published)));
    }

    [Fact]
    public async Task My_work_lists_my_organisations_records_by_state_with_what_needs_attention()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "Waiting draft");
        var withdrawn = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: "Withdrawn record");
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(withdrawn))!.Unpublish("Wrong country listed");
            return await db.SaveChangesAsync();
        });
        await Portal.InitiativeAsync(world.CsoB, "PE", "BO", publishedAt: null, title: "Someone else's draft");
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        var page = await admin.GetOkAsync("/my");

        var attention = page.Document.QuerySelector("section[aria-labelledby=attention-heading]")!.TextContent;
        Assert.Contains("Wrong country listed", attention, StringComparison.Ordinal);
        Assert.Contains("Waiting draft", attention, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone else's draft", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_says_whether_it_is_official_or_from_civil_society()
    {
        var agency = await Portal.ActorAsync(ActorType.Government);
        var cso = await Portal.ActorAsync(ActorType.NationalCso);
        var official = await Portal.InitiativeAsync(agency, "PE", "BO", DateTime.UtcNow.AddMinutes(-1));
        var monitored = await Portal.InitiativeAsync(cso, "PE", "BO", DateTime.UtcNow.AddMinutes(-1));
        using var browser = Portal.CreateBrowser();

        Assert.Equal("Official record", (await browser.GetOkAsync($"/initiatives/{official}")).Document.QuerySelector(".record-kind")!.TextContent.Trim());
        Assert.Equal("Civil-society record", (await browser.GetOkAsync($"/initiatives/{monitored}")).Document.QuerySelector(".record-kind")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_form_records_goals_sectors_and_other_organisations_and_refuses_unknown_ones()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync("/initiatives/new");
        var fields = new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = "Peace education exchange", ["Input.Summary"] = "Teachers share curricula.",
            ["Input.Modality"] = "Regional", ["Input.Countries[0].Code"] = "PE", ["Input.Countries[0].Role"] = "Both",
            ["Input.Countries[1].Code"] = "BO", ["Input.Countries[1].Role"] = "Both", ["Input.Countries[2].Code"] = "EC", ["Input.Countries[2].Role"] = "Both",
            ["Input.Goals[0]"] = "4", ["Input.Goals[1]"] = "16", ["Input.PrimaryGoal"] = "5",
            ["Input.Sectors[0]"] = "15220", ["Input.Sectors[1]"] = "99999", ["Input.Targets[0]"] = "4.7", ["Input.Targets[1]"] = "9.9",
            ["Input.Actors[0].ActorId"] = "2147480000", ["Input.Actors[0].Role"] = "Implementing",
        };
        var before = await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync());

        var refused = await member.SubmitAsync(form, "form.record-form", fields);

        var errors = string.Join(" | ", refused.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Contains("The primary goal must be one of the goals ticked.", errors, StringComparison.Ordinal);
        Assert.Contains("five-digit DAC sector code", errors, StringComparison.Ordinal);
        Assert.Contains("Choose organisations from the list.", errors, StringComparison.Ordinal);
        Assert.Contains("Enter an SDG target code from the list", errors, StringComparison.Ordinal);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync()));

        fields["Input.PrimaryGoal"] = "16";
        fields["Input.Sectors[1]"] = "";
        fields["Input.Targets[1]"] = "16.7";
        fields["Input.Actors[0].ActorId"] = TestData.Key(world.AgencyG.Id);
        var saved = await member.SubmitAsync(refused, "form.record-form", fields);

        Assert.StartsWith("/initiatives/", saved.Address.AbsolutePath, StringComparison.Ordinal);
        var text = saved.Text;
        Assert.Contains("Quality education", text, StringComparison.Ordinal);
        Assert.Contains("Peace, justice and strong institutions", text, StringComparison.Ordinal);
        Assert.Contains("15220", text, StringComparison.Ordinal);
        Assert.Contains("16.7", text, StringComparison.Ordinal);
        Assert.Contains("responsive, inclusive, participatory", text, StringComparison.Ordinal);
        Assert.Contains(world.AgencyG.Name, text, StringComparison.Ordinal);
        Assert.Contains("Implementing", text, StringComparison.Ordinal);
        var primary = saved.Document.QuerySelectorAll("#sdgs-heading + ul li").Single(li => li.TextContent.Contains("Primary goal", StringComparison.Ordinal));
        Assert.Contains("Peace, justice", primary.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contributions_rights_holders_locations_links_and_results_are_recorded_and_checked()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var fields = new Dictionary<string, string>
        {
            ["Input.Contributions[0].ActorId"] = TestData.Key(world.AgencyG.Id), ["Input.Contributions[0].Kind"] = "Money", ["Input.Contributions[0].Amount"] = "25000",
            ["Input.Contributions[1].ActorId"] = TestData.Key(world.CsoA.Id), ["Input.Contributions[1].Kind"] = "InKind", ["Input.Contributions[1].Amount"] = "-5", ["Input.Contributions[1].Currency"] = "ZZZ",
            ["Input.Contributions[2].ActorId"] = TestData.Key(world.CsoA.Id), ["Input.Contributions[2].Kind"] = "InKind",
            ["Input.RightsHolders[0].Reached"] = "true", ["Input.RightsHolders[0].Count"] = "120",
            ["Input.Locations[0].CountryCode"] = "BO", ["Input.Locations[0].Precision"] = "Municipality", ["Input.Locations[0].Place"] = "Cochabamba",
            ["Input.Links[0].Title"] = "<b>Final report</b>", ["Input.Links[0].Url"] = "javascript:alert(1)",
            ["Input.Results[0].Text"] = "120 women trained in seed banking", ["Input.Results[0].Achieved"] = "true",
            ["Input.Objectives"] = "Strengthen community seed banks.", ["Input.ThematicAreas"] = "FoodSecurity", ["Input.Contact"] = "seeds@cso-a.example.org",
        };

        var refused = await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", fields);

        var errors = string.Join(" | ", refused.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Contains("Enter an amount above zero and below a trillion.", errors, StringComparison.Ordinal);
        Assert.Contains("ISO 4217 currency code", errors, StringComparison.Ordinal);
        Assert.Contains("Enter a full web address starting with https://", errors, StringComparison.Ordinal);
        Assert.Equal("Cochabamba", refused.Document.QuerySelector("#Input_Locations_0__Place")!.GetAttribute("value"));
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Set<InitiativeContribution>().CountAsync(c => c.InitiativeId == id)));

        fields["Input.Contributions[1].Amount"] = "";
        fields["Input.Contributions[1].Currency"] = "";
        fields["Input.Links[0].Url"] = "https://example.org/report.pdf";
        var rules = await member.SubmitAsync(refused, "form.record-form", fields);
        var ruleErrors = string.Join(" | ", rules.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Contains("An amount needs its currency.", ruleErrors, StringComparison.Ordinal);
        Assert.Contains("Describe a contribution in kind", ruleErrors, StringComparison.Ordinal);

        fields["Input.Contributions[0].Currency"] = "usd";
        fields["Input.Contributions[1].Description"] = "Two agronomists for six months";
        fields["Input.Contributions[2].ActorId"] = "";
        fields["Input.Contributions[2].Kind"] = "InKind";
        var saved = await member.SubmitAsync(rules, "form.record-form", fields);

        Assert.Equal($"/initiatives/{id}", saved.Address.AbsolutePath);
        var text = saved.Text;
        Assert.Contains("USD", text, StringComparison.Ordinal);
        Assert.Contains("Two agronomists for six months", text, StringComparison.Ordinal);
        Assert.Contains("Women: 120", text, StringComparison.Ordinal);
        Assert.Contains("Cochabamba", text, StringComparison.Ordinal);
        Assert.Contains("120 women trained in seed banking", text, StringComparison.Ordinal);
        Assert.Contains("Strengthen community seed banks.", text, StringComparison.Ordinal);
        Assert.Contains("Food security and agriculture", text, StringComparison.Ordinal);
        Assert.Contains("seeds@cso-a.example.org", text, StringComparison.Ordinal);
        Assert.Equal("<b>Final report</b>", saved.Document.QuerySelector("a[href='https://example.org/report.pdf']")!.TextContent);
        Assert.Empty(saved.Document.QuerySelectorAll("main b"));
    }

    public static TheoryData<string, string, string?> Modalities() => new()
    {
        // modality, countries "CODE:Role;…", the rule message expected (null: valid)
        { "Bilateral", "PE:Provider;BO:Recipient", null },
        { "Bilateral", "PE:Provider;CL:Provider", "A bilateral initiative needs at least one provider and one recipient country." },
        { "Triangular", "PE:FirstProvider;DE:SecondProvider;PY:Recipient", null },
        { "Triangular", "PE:FirstProvider;PY:Recipient", "A triangular initiative needs a first provider, a second provider and a recipient country." },
        { "Regional", "PE:Both;BO:Both;EC:Both", null },
        { "Regional", "PE:Both;BO:Both", "A regional initiative involves at least three countries." },
        { "Decentralised", "UY:Provider;AR:Recipient", null },
        { "PeopleToPeople", "KE:Both;PH:Both", null },
    };

    [Theory]
    [MemberData(nameof(Modalities))]
    public async Task Each_modality_is_registered_through_the_form_and_its_country_rule_is_enforced(string modality, string countries, string? expected)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var fields = new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = $"{modality} exchange", ["Input.Summary"] = "Registered through the form.",
            ["Input.Modality"] = modality,
        };
        foreach (var (country, index) in countries.Split(';').Select((c, i) => (c.Split(':'), i)))
        {
            fields[$"Input.Countries[{index}].Code"] = country[0];
            fields[$"Input.Countries[{index}].Role"] = country[1];
        }
        var before = await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync());

        var page = await member.SubmitAsync(await member.GetOkAsync("/initiatives/new"), "form.record-form", fields);

        if (expected is null)
        {
            Assert.StartsWith("/initiatives/", page.Address.AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(before + 1, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync()));
        }
        else
        {
            Assert.Contains(expected, page.Document.QuerySelector("[data-valmsg-for='Input.Countries']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal($"{modality} exchange", page.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
            Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync()));
        }
    }

    [Theory]
    [InlineData("Input.PlannedStart", "2025-06-01", "Input.PlannedEnd", "2025-01-01", "The end date must be on or after the start date.")]
    [InlineData("Input.ActualStart", "2099-01-01", "Input.Status", "Implementation", "An actual date cannot be in the future.")]
    [InlineData("Input.ApprovalDate", "0001-01-01", "Input.Status", "Pipeline", "Enter a date between 1950 and 2100.")]
    [InlineData("Input.PlannedEnd", "9999-12-31", "Input.Status", "Pipeline", "Enter a date between 1950 and 2100.")]
    public async Task Inconsistent_dates_are_refused_next_to_the_field(string field, string value, string otherField, string otherValue, string expected)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "Dated");
        using var member = await world.BrowserAsync(Role.CsoMember);

        var page = await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form",
            new Dictionary<string, string> { [field] = value, [otherField] = otherValue });

        var errors = string.Join(" | ", page.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var record = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Null(record.PlannedStart);
        Assert.Null(record.ActualStart);
        Assert.Null(record.ApprovalDate);
        Assert.Null(record.PlannedEnd);
    }

    [Fact]
    public async Task Add_rows_offers_more_empty_rows_keeps_what_was_typed_and_saves_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync("/initiatives/new");
        var rows = form.Document.QuerySelectorAll("input[name$='].Code'][name^='Input.Countries']").Length;
        var before = await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync());
        var fields = new Dictionary<string, string> { ["Input.Title"] = "Many countries" };
        for (var i = 0; i < rows; i++) fields[$"Input.Countries[{i}].Code"] = new[] { "PE", "BO", "EC", "CO", "CL", "AR", "UY", "PY" }[i];

        var more = await member.SubmitAsync(form, "form.record-form", fields, submitterSelector: "button[formaction*='AddRows']");

        Assert.True(more.Document.QuerySelectorAll("input[name$='].Code'][name^='Input.Countries']").Length > rows);
        Assert.Equal("Many countries", more.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.DoesNotContain(more.Document.QuerySelectorAll(".field-error"), e => e.TextContent.Trim().Length > 0);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync()));
    }

    [Fact]
    public async Task Add_rows_keeps_an_organisation_typed_but_not_picked_and_says_to_pick_it()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync("/initiatives/new");

        var more = await member.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "Typed partner", ["Input.Actors[0].ActorId"] = "Ministerio de Agricultura",
        }, submitterSelector: "button[formaction*='AddRows']");

        Assert.Equal("Ministerio de Agricultura", more.Document.QuerySelector("#actor-0")!.GetAttribute("value"));
        Assert.Equal("true", more.Document.QuerySelector("#actor-0")!.GetAttribute("aria-invalid"));
        Assert.Contains("Choose an organisation from the list.", more.Document.QuerySelector("#actor-0-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Typed partner", more.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Titles_and_summaries_show_in_the_readers_language_when_translated_and_in_the_original_otherwise()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var created = await admin.SubmitAsync(await admin.GetOkAsync("/initiatives/new"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.AgencyG.Id), ["Input.Language"] = "es",
            ["Input.Title"] = "Intercambio de semillas nativas", ["Input.Summary"] = "Agricultores comparten semillas.",
            ["Input.Countries[0].Code"] = "PE", ["Input.Countries[0].Role"] = "Provider", ["Input.Countries[1].Code"] = "BO", ["Input.Countries[1].Role"] = "Recipient",
        });
        var id = int.Parse(created.Address.AbsolutePath.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        // Before any translation, English readers get the original, and are told so.
        Assert.Contains("Written in Spanish; no translation is available yet.", created.Text, StringComparison.Ordinal);

        var form = await admin.GetOkAsync($"/initiatives/{id}/edit");
        var languages = form.Document.QuerySelectorAll("input[name$='].Language'][name^='Input.Translations']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["en", "pt", "fr"], languages);
        var translated = await admin.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            ["Input.Translations[0].Title"] = "Native seed exchange", ["Input.Translations[0].Summary"] = "Farmers share seeds.",
        });
        Assert.Equal($"/initiatives/{id}", translated.Address.AbsolutePath);
        await admin.SubmitAsync(translated, "form[action*='handler=Publish']", new Dictionary<string, string>());

        using var english = Portal.CreateBrowser();
        var page = await english.GetOkAsync($"/initiatives/{id}");
        Assert.Equal("Native seed exchange", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("en", page.Document.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Contains("Translated from Spanish. Original title:", page.Text, StringComparison.Ordinal);
        Assert.Contains("Native seed exchange", (await english.GetOkAsync("/initiatives?country=BO")).Text, StringComparison.Ordinal);

        using var spanish = Portal.CreateBrowser();
        spanish.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var original = await spanish.GetOkAsync($"/initiatives/{id}");
        Assert.Equal("Intercambio de semillas nativas", original.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(original.Document.QuerySelector(".language-note"));

        var history = await admin.GetOkAsync($"/initiatives/{id}/history");
        Assert.Contains("Title (English)", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_with_a_title_but_no_summary_is_explained_and_nothing_is_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "Untranslated");
        using var member = await world.BrowserAsync(Role.CsoMember);

        var page = await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "Changed too", ["Input.Translations[0].Title"] = "Sin resumen",
        });

        Assert.Contains("A translation needs both a title and a summary.", page.Text, StringComparison.Ordinal);
        Assert.Equal("Sin resumen", page.Document.QuerySelector("#Input_Translations_0__Title")!.GetAttribute("value"));
        var record = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().Include(i => i.Translations).SingleAsync(i => i.Id == id));
        Assert.Equal("Untranslated", record.Title);
        Assert.Empty(record.Translations);
    }

    [Theory]
    [InlineData("Input.Title", "<script>alert('x')</script>")]
    [InlineData("Input.Summary", "<img src=x onerror=alert(1)>")]
    public async Task Html_typed_into_a_field_is_shown_as_text_and_never_run(string field, string value)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        using var member = await world.BrowserAsync(Role.CsoMember);

        var page = await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", new Dictionary<string, string> { [field] = value });

        Assert.Contains(value, page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("main script, main img"));
        var history = await member.GetOkAsync($"/initiatives/{id}/history");
        Assert.Contains(value, history.Text, StringComparison.Ordinal);
        Assert.Empty(history.Document.QuerySelectorAll("main script, main img"));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class RegistryOnSqlite(SqlitePortalFixture fixture) : RegistryTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class RegistryOnPostgres(PostgresPortalFixture fixture) : RegistryTests(fixture);

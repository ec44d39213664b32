using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Localization;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// /about/access and the rules the portal enforces cannot drift apart: the page, rendered in each language, shows exactly the
/// rows of <see cref="AccessTable.Rules"/> (the table the access matrix derives its expectations from), in order, each
/// permission under its own description and every cell granted or refused as the table says, in the columns the table names.
/// </summary>
public abstract class AccessTablePageTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>The table's columns, in the order of <see cref="AccessRule"/>, with the heading each has on the page.</summary>
    private static readonly (string Heading, Func<AccessRule, bool> Granted)[] Columns =
    [
        ("Civil society: member", r => r.CivilSocietyMember),
        ("Civil society: organisation admin", r => r.CivilSocietyAdmin),
        ("Official: member", r => r.OfficialMember),
        ("Official: organisation admin", r => r.OfficialAdmin),
        ("Moderator", r => r.Moderator),
        ("Administrator", r => r.Administrator),
    ];

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("pt")]
    [InlineData("fr")]
    public async Task The_access_page_shows_every_cell_of_the_access_table(string language)
    {
        using var visitor = Portal.CreateBrowser();

        var page = await visitor.GetOkAsync($"/about/access?culture={language}");

        var L = Portal.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            var table = page.Document.QuerySelector("table.access-table") ?? throw new InvalidOperationException("No access table on /about/access");
            var headings = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
            Assert.Equal([L["What"].Value, .. Columns.Select(c => L[c.Heading].Value)], headings);

            var rows = table.QuerySelectorAll("tbody tr").ToList();
            Assert.Equal(AccessTable.Rules.Count, rows.Count);
            var wrong = new List<string>();
            foreach (var (rule, row) in AccessTable.Rules.Zip(rows))
            {
                var described = row.QuerySelector("th[scope=row]")?.TextContent.Trim();
                if (described != PermissionLabels.Describe(rule.Permission, L))
                    wrong.Add($"{rule.Permission}: the row says “{described}”, not “{PermissionLabels.Describe(rule.Permission, L)}”");
                var cells = row.QuerySelectorAll("td").ToList();
                if (cells.Count != Columns.Length)
                {
                    wrong.Add($"{rule.Permission}: {cells.Count} cells, not {Columns.Length}");
                    continue;
                }
                foreach (var ((heading, granted), cell) in Columns.Zip(cells))
                {
                    var expected = granted(rule);
                    // What a reader sees (✓ or —), what a screen reader says (yes or no), and the cell's class all agree with the table.
                    var shown = cell.QuerySelector("[aria-hidden=true]")?.TextContent.Trim();
                    var said = cell.QuerySelector(".visually-hidden")?.TextContent.Trim();
                    if (shown != (expected ? "✓" : "—") || said != (expected ? L["yes"] : L["no"]) || !cell.ClassList.Contains(expected ? "granted" : "refused"))
                        wrong.Add($"{rule.Permission}, {heading}: shown “{shown}”, said “{said}”, class “{cell.ClassName}”; the table says {(expected ? "granted" : "refused")}");
                }
            }
            Assert.True(wrong.Count == 0, $"/about/access in {language} differs from the access table:\n" + string.Join("\n", wrong));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task The_access_page_in_spanish_is_translated_not_the_english_table_again()
    {
        using var visitor = Portal.CreateBrowser();

        var english = await visitor.GetOkAsync("/about/access?culture=en");
        var spanish = await visitor.GetOkAsync("/about/access?culture=es");

        // Every permission's description differs between the two: the comparison above is not passing on English twice.
        var englishRows = english.Document.QuerySelectorAll("table.access-table tbody th").Select(th => th.TextContent.Trim()).ToList();
        var spanishRows = spanish.Document.QuerySelectorAll("table.access-table tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(AccessTable.Rules.Count, englishRows.Count);
        Assert.All(englishRows.Zip(spanishRows), pair => Assert.NotEqual(pair.First, pair.Second));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AccessTablePageOnSqlite(SqlitePortalFixture fixture) : AccessTablePageTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AccessTablePageOnPostgres(PostgresPortalFixture fixture) : AccessTablePageTests(fixture);

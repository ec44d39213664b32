using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Commands;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

[Collection(SqliteSuite.Name)]
public class CreateAdminCommandTests(SqlitePortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Creates_a_confirmed_administrator_with_the_password_read_from_standard_input()
    {
        var email = $"{Guid.NewGuid():N}@admins.example.org";
        using var output = new StringWriter();

        var exit = await CreateAdminCommand.RunAsync(Portal.Services, ["create-admin", "--email", email], new StringReader("an administrator's long password\n"), output);

        Assert.Equal(0, exit);
        await Portal.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(user.EmailConfirmed);
            Assert.True(await users.IsInRoleAsync(user, PlatformRoles.Administrator));
            Assert.True(await users.CheckPasswordAsync(user, "an administrator's long password"));
        });
    }

    [Fact]
    public async Task Refuses_a_short_password_and_creates_nothing()
    {
        var email = $"{Guid.NewGuid():N}@admins.example.org";
        using var output = new StringWriter();

        var exit = await CreateAdminCommand.RunAsync(Portal.Services, ["create-admin", "--email", email], new StringReader("short\n"), output);

        Assert.NotEqual(0, exit);
        Assert.Contains("at least 12 characters", output.ToString(), StringComparison.Ordinal);
        Assert.Null(await Portal.WithServicesAsync(s => s.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email)));
    }

    [Fact]
    public async Task Refuses_to_promote_an_account_whose_address_was_never_confirmed()
    {
        var email = $"{Guid.NewGuid():N}@squatter.example.org";
        await Portal.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            await users.CreateAsync(new ApplicationUser { UserName = email, Email = email }, "a squatter's long password");
        });
        using var output = new StringWriter();

        var exit = await CreateAdminCommand.RunAsync(Portal.Services, ["create-admin", "--email", email], new StringReader(""), output);

        Assert.Equal(1, exit);
        await Portal.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.False(await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, PlatformRoles.Administrator));
        });
    }

    [Fact]
    public async Task Without_an_email_it_explains_how_to_use_it()
    {
        using var output = new StringWriter();

        var exit = await CreateAdminCommand.RunAsync(Portal.Services, ["create-admin"], new StringReader(""), output);

        Assert.Equal(2, exit);
        Assert.Contains("Usage: create-admin --email", output.ToString(), StringComparison.Ordinal);
    }
}

using Microsoft.AspNetCore.Identity;
using SscPortal.Web.Data;

namespace SscPortal.Web.Commands;

/// <summary>
/// `dotnet run --project src/SscPortal.Web -- create-admin --email someone@example.org`
/// creates (or promotes) a platform administrator. The password comes from SSC_ADMIN_PASSWORD,
/// or else from the first line of standard input, never from the command line (it would end up in shell history).
/// </summary>
public static class CreateAdminCommand
{
    public const string PasswordVariable = "SSC_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        var emailIndex = Array.IndexOf(args, "--email");
        var email = emailIndex >= 0 && emailIndex + 1 < args.Length ? args[emailIndex + 1].Trim() : null;
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            await output.WriteLineAsync("Usage: create-admin --email <address>   (password from SSC_ADMIN_PASSWORD or standard input)");
            return 2;
        }

        // Schema and code lists only: an administrator is never created beside demonstration accounts by accident.
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(withDemoData: false, CancellationToken.None);
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(PlatformRoles.Administrator))
            await roles.CreateAsync(new IdentityRole(PlatformRoles.Administrator));

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var password = Environment.GetEnvironmentVariable(PasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                await output.WriteLineAsync($"Password for {email} (or set {PasswordVariable}):");
                password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n');
            }
            if (string.IsNullOrEmpty(password))
            {
                await output.WriteLineAsync("No password given; nothing was created.");
                return 2;
            }
            user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true,
                CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors) await output.WriteLineAsync(error.Description);
                return 1;
            }
        }
        else if (!user.EmailConfirmed)
        {
            // Someone may have registered this address without owning it: never promote an unconfirmed account.
            await output.WriteLineAsync($"{email} has an account whose address was never confirmed; it was not made an administrator.");
            return 1;
        }
        if (!await users.IsInRoleAsync(user, PlatformRoles.Administrator))
            await users.AddToRoleAsync(user, PlatformRoles.Administrator);
        await output.WriteLineAsync($"{email} is a platform administrator.");
        return 0;
    }
}

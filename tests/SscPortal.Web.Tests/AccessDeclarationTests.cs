using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SscPortal.Web.Tests;

public class AccessDeclarationTests
{
    /// <summary>
    /// Every page states who may use it. A new page without [AllowAnonymous] or [Authorize] fails here
    /// (and would need a signed-in user in the running portal, by the folder convention in Program.cs).
    /// </summary>
    [Fact]
    public void Every_page_declares_who_may_use_it()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract).ToList();

        Assert.NotEmpty(pages);
        var undeclared = pages.Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is null && t.GetCustomAttribute<AuthorizeAttribute>() is null)
            .Select(t => t.FullName).ToList();
        Assert.True(undeclared.Count == 0, "Pages without an access declaration: " + string.Join(", ", undeclared));
    }
}

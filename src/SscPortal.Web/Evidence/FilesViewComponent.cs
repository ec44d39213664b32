using Microsoft.AspNetCore.Mvc;
using SscPortal.Domain;

namespace SscPortal.Web.Evidence;

/// <summary>
/// The files of a record, or of one section of an assessment, on the record's page: those the reader may read, how many
/// restricted ones support it unseen, and "Add a file" for its organisation. <c>&lt;vc:files kind="Initiative" id="…" /&gt;</c>.
/// </summary>
public sealed class FilesViewComponent(FileLists lists) : ViewComponent
{
    /// <param name="heading">Shown as the section's heading, the whole section left out when there is nothing to show or do.</param>
    public async Task<IViewComponentResult> InvokeAsync(FileOwnerKind kind, int id, string? section = null, string? heading = null)
    {
        var shelves = await lists.ForAsync(kind, id, HttpContext.RequestAborted);
        if (shelves is null || !shelves.TryGetValue(section ?? "", out var shelf)) return Content("");
        if (heading is not null && shelf.Items.Count == 0 && shelf.Restricted == 0 && !shelf.MayAdd) return Content("");
        ViewData["Heading"] = heading;
        return View(shelf);
    }
}

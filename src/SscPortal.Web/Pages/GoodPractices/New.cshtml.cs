using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Pages.GoodPractices;

/// <summary>Writing a new good practice (/good-practices/new) for one of the reader's organisations: it starts as its draft.</summary>
[Authorize]
public class NewModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, ReferenceData referenceData, IStringLocalizer<SharedResource> L)
    : GoodPracticeFormModel(db, rights, saver, once, referenceData, L)
{
    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => GetFormAsync(null, cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => PostFormAsync(null, cancellationToken);
}

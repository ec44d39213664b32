using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Mail;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Pages.Events;

/// <summary>Announcing an event (/events/new): the edit form and its handlers, at its own route (no route needs registering elsewhere).</summary>
[Authorize]
public class NewModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, ReferenceData referenceData, Outbox outbox, PublicAddress address,
    IStringLocalizer<SharedResource> L)
    : EditModel(db, rights, saver, once, referenceData, outbox, address, L);

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Contacts;

/// <summary>A contact of the log, its correction, and the way to the request it was turned into (or may become).</summary>
public sealed class DetailsModel(SuiviDbContext db, TimeProvider clock, AuditLog audit, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : ContactFormModel(db, localizer)
{
    public sealed record Shown(Contact Contact, string Service, string? Channel, string? Outcome, string? Person, string? Staff,
        DateOnly? RequestReceivedOn);

    public Shown Contact { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public override bool ServiceFixed => true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var contact = await Db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }
        Input = ContactInput.From(contact);
        await ShowAsync(contact, searched: false, cancellationToken);
        await audit.RecordViewAsync(nameof(Domain.Contact), id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSearchAsync(Guid id, CancellationToken cancellationToken)
    {
        var contact = await Db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        await ShowAsync(contact, searched: true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var contact = await Db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded)
        {
            return Forbid();
        }
        if (ModelState.IsValid)
        {
            try
            {
                await ContactLog.CorrectAsync(Db, contact, Input.ToEntry(), clock.Today(), cancellationToken);
                // Save against the version the form was loaded with, so a correction made meanwhile is never overwritten.
                Db.Entry(contact).Property(c => c.Version).OriginalValue = Input.Version;
                await Db.SaveChangesAsync(cancellationToken);
                return RedirectToPage(new { org = RouteData.Values["org"], id });
            }
            catch (DomainRuleException rule)
            {
                Refused(rule);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", Localizer["Someone else changed this contact meanwhile. Your correction was not saved: reload the page to see the current version."]);
            }
        }
        var saved = await Db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        await ShowAsync(saved, searched: false, cancellationToken);
        return Page();
    }

    private async Task ShowAsync(Contact contact, bool searched, CancellationToken cancellationToken)
    {
        Input.ServiceId = contact.ServiceId;
        MayEdit = (await authorization.AuthorizeAsync(User, HttpContext, Policies.EditRecords)).Succeeded;
        var labels = await FormOptions.LabelsAsync(Db, [contact.ChannelId, contact.OutcomeId], cancellationToken);
        Contact = new Shown(contact,
            await Db.Services.Where(s => s.Id == contact.ServiceId).Select(s => s.Name).SingleAsync(cancellationToken),
            contact.ChannelId is { } channel ? labels.GetValueOrDefault(channel) : null,
            contact.OutcomeId is { } outcome ? labels.GetValueOrDefault(outcome) : null,
            await Db.Beneficiaries.Where(b => b.Id == contact.BeneficiaryId).Select(b => b.FirstName + " " + b.LastName).SingleOrDefaultAsync(cancellationToken),
            await Db.Staff.Where(s => s.Id == contact.StaffMemberId).Select(s => s.FirstName + " " + s.LastName).SingleOrDefaultAsync(cancellationToken),
            await Db.Requests.Where(r => r.Id == contact.RequestId).Select(r => (DateOnly?)r.ReceivedOn).SingleOrDefaultAsync(cancellationToken));
        if (MayEdit)
        {
            await LoadChoicesAsync(contact, searched, cancellationToken);
        }
    }
}

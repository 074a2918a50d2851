using Microsoft.AspNetCore.Mvc;
using Suivi.Data;

namespace Suivi.Features.Deliveries;

/// <summary>
/// The latest deliveries of a case file or a person, with their count and total hours, on its page:
/// <c>&lt;vc:deliveries-of case-file-id="@file.Id" /&gt;</c> or <c>&lt;vc:deliveries-of person-id="@person.Id" /&gt;</c>.
/// </summary>
public sealed class DeliveriesOfViewComponent(SuiviDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? caseFileId = null, Guid? personId = null)
    {
        var summary = (caseFileId, personId) switch
        {
            ({ } file, null) => await DeliveriesOf.ForCaseFileAsync(db, file, HttpContext.RequestAborted),
            (null, { } person) => await DeliveriesOf.ForPersonAsync(db, person, HttpContext.RequestAborted),
            _ => throw new ArgumentException("Name a case file or a person, not both."),
        };
        return View("~/Features/Deliveries/_DeliveriesOf.cshtml", summary);
    }
}

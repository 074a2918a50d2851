using Microsoft.AspNetCore.Mvc;
using Suivi.Data;
using Suivi.Domain;

namespace Suivi.Features.Attendance.CareInsurance;

/// <summary>
/// A person's long-term-care insurance in a few words, with the link to the periods, for the person's page:
/// <c>&lt;vc:care-insurance-of person-id="@person.Id" /&gt;</c>.
/// </summary>
public sealed class CareInsuranceOfViewComponent(SuiviDbContext db, TimeProvider clock) : ViewComponent
{
    /// <summary>The period in force today, else the next one to come, else the last one that ended.</summary>
    public sealed record Summary(Guid PersonId, CareInsurancePeriod? Current, CareInsurancePeriod? Next, CareInsurancePeriod? Last);

    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var today = clock.Today();
        var periods = await CarePeriods.OfAsync(db, personId, HttpContext.RequestAborted);
        return View("~/Features/Attendance/CareInsurance/_CareInsuranceOf.cshtml", new Summary(personId,
            periods.FirstOrDefault(p => p.From <= today && (p.To is null || p.To >= today)),
            periods.LastOrDefault(p => p.From > today),
            periods.FirstOrDefault(p => p.To < today)));
    }
}

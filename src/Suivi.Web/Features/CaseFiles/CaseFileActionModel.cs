using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Features.People;
using Suivi.Infrastructure;

namespace Suivi.Features.CaseFiles;

/// <summary>
/// A page that takes one step in a case file's life (qualify, close, assess, …): it finds the file (404 when it is
/// not one the person may see), shows the form, and saves the step against the version the form was read with.
/// A refused step shows its message next to the field and saves nothing.
/// </summary>
public abstract class CaseFileActionModel(SuiviDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CaseFile CaseFile { get; private set; } = null!;

    protected SuiviDbContext Db => db;

    protected IStringLocalizer Localizer => localizer;

    /// <summary>Loads the file, tracked, with everything its rules read; false when the person may not see it.</summary>
    protected async Task<bool> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.CaseFiles.ForChangeAsync(id, cancellationToken);
        if (file is null)
        {
            return false;
        }
        CaseFile = file;
        return true;
    }

    /// <summary>Loads what the form offers (lists, categories, people) once the file is found.</summary>
    protected abstract Task PrepareAsync(CancellationToken cancellationToken);

    protected async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Takes the step and saves it against <paramref name="version"/> (unless it only adds a record beside the file, like a
    /// note); on refusal, shows the form again with the message.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(long? version, Func<Task> step, CancellationToken cancellationToken, bool changesTheFile = true)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await step();
                if (changesTheFile)
                {
                    db.SaveAgainst(CaseFile, version);
                }
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage("/CaseFiles/Details", new { org = RouteData.Values["org"], id = CaseFile.Id });
            }
            catch (DomainRuleException rule)
            {
                FormErrors.Add(ModelState, "Input", rule, localizer);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", localizer["Someone else changed this case file meanwhile. Nothing was saved: check the page and try again."]);
            }
        }
        return await ShowAsync(cancellationToken);
    }
}

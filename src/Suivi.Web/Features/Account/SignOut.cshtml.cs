using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Security;

namespace Suivi.Features.Account;

public sealed class SignOutModel(SignInManager<UserAccount> signIn, AuditLog audit, CurrentUser user) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordSignInAsync(user.Id, user.Name, AuditAction.SignOut, AuditOutcome.Succeeded, null, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return Redirect("/sign-in");
    }
}

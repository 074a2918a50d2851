using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Data;
using Suivi.Domain;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Account;

public sealed class SignInModel(SignInManager<UserAccount> signIn, UserManager<UserAccount> users, AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var user = await users.FindByEmailAsync(Input.Email);
        if (result.Succeeded)
        {
            await audit.RecordSignInAsync(user?.Id, Input.Email, AuditAction.SignIn, AuditOutcome.Succeeded, null, HttpContext.RequestAborted);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        await audit.RecordSignInAsync(user?.Id, Input.Email, AuditAction.SignInFailed, AuditOutcome.Denied,
            result.IsLockedOut ? "locked out" : null, HttpContext.RequestAborted);
        // The same message whether the account exists or not, so the form does not reveal who has an account.
        ModelState.AddModelError("", result.IsLockedOut
            ? localizer["Too many failed attempts: this account is locked for 15 minutes."]
            : localizer["The e-mail address or the password is wrong."]);
        return Page();
    }
}

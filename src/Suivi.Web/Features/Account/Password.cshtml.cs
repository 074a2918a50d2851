using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Suivi.Infrastructure;
using Suivi.Security;

namespace Suivi.Features.Account;

public sealed class PasswordModel(UserManager<UserAccount> users, SignInManager<UserAccount> signIn,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "The new password needs at least 10 characters.")]
        [DataType(DataType.Password)]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "The two new passwords differ.")]
        [DataType(DataType.Password)]
        public string Confirmation { get; set; } = "";
    }

    public void OnGet(bool changed) => Changed = changed;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.Current" : "Input.New",
                    error.Code == "PasswordMismatch" ? localizer["The current password is wrong."] : localizer[error.Description]);
            }
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { changed = true });
    }
}

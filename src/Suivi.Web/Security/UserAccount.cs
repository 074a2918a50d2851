using Microsoft.AspNetCore.Identity;

namespace Suivi.Security;

/// <summary>A sign-in account. Passwords are hashed and lockout is handled by ASP.NET Core Identity.</summary>
public sealed class UserAccount : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The interface language the person chose: fr, de or en.</summary>
    public string PreferredLanguage { get; set; } = "fr";

    /// <summary>Network administrators manage organisations and their administrators; they read no case data unless they are also a member.</summary>
    public bool IsNetworkAdministrator { get; set; }
}

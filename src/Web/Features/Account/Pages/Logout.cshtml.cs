using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Account.Pages;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// Signing out ends the account's sessions on the server too, not only in this browser: a copied cookie (a shared
    /// phone, a saved file) would otherwise keep working until it expires. The security stamp is checked on every
    /// request (AuthModule), so changing it signs this account out everywhere, its API tokens included.
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
            await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }
}

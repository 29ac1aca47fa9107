using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Bookpost.Web.Features.Account.Pages;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn, Text text) : PageModel
{
    public sealed class LoginInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    [EnableRateLimiting(AuthModule.SignInRateLimit)]
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName)) ModelState.AddModelError("Input.UserName", text["Login.UserNameRequired"]);
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", text["Login.PasswordRequired"]);
        if (!ModelState.IsValid) return Page();

        var result = await signIn.PasswordSignInAsync(Input.UserName!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Message = result.IsLockedOut ? text["Login.LockedOut"] : result.IsNotAllowed ? text["Login.Disabled"] : text["Login.Failed"];
        Input.Password = null;
        return Page();
    }
}

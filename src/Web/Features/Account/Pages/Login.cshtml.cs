using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Account.Pages;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn, PasswordSignIn passwords, Text text) : PageModel
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

    // Razor Pages take no rate-limiting attribute on a handler: PasswordSignIn counts the address's attempts instead.
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName)) ModelState.AddModelError("Input.UserName", text["Login.UserNameRequired"]);
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", text["Login.PasswordRequired"]);
        if (!ModelState.IsValid) return Page();

        // The same check as the token endpoint: throttled per (name, client address), never an account-wide lockout,
        // and the same words for an unknown name as for a wrong password.
        var outcome = await passwords.CheckAsync(Input.UserName!, Input.Password!, AuthModule.ClientAddress(HttpContext));
        if (outcome.Status == SignInStatus.Succeeded)
        {
            await signIn.SignInAsync(outcome.User!, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (outcome.Status == SignInStatus.Throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Message = text.Format("Account.SignInThrottled", outcome.RetryAfterSeconds);
        }
        else
        {
            // A disabled account gets the same words as a wrong password: "disabled" would confirm the password.
            Message = text["Login.Failed"];
        }
        Input.Password = null;
        return Page();
    }
}

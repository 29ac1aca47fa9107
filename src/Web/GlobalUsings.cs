// The platform every feature stands on, named once instead of at the top of each use-case file.
global using Bookpost.Web.Data;
global using Bookpost.Web.Infrastructure;
global using Bookpost.Web.Infrastructure.Auth;
global using Bookpost.Web.Infrastructure.Errors;
global using Bookpost.Web.Infrastructure.Localization;
global using Microsoft.EntityFrameworkCore;

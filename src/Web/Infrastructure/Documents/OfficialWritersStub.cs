namespace Bookpost.Web.Infrastructure.Documents;

// Stand-ins until the "Official documents" commit lands on main; the merge removes this file.
public static class OfficialDocx { public static byte[] Write(OfficialDocument doc) => System.Text.Encoding.UTF8.GetBytes(doc.ToString()); }

public static class OfficialPdf { public static byte[] Write(OfficialDocument doc) => System.Text.Encoding.UTF8.GetBytes(doc.ToString()); }

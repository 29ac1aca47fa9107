namespace Bookpost.Web.Features.Catalog;

/// Barcodes as scanners and people send them: one per line (a keyboard-wedge scanner types each code and Enter), or
/// separated by commas, spaces or semicolons; upper-cased, trimmed and each once. Every list of scanned copies goes through here.
public static class Barcodes
{
    public static List<string> Clean(IEnumerable<string?>? raw) =>
        (raw ?? []).SelectMany(b => (b ?? "").Split(['\n', '\r', ',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(b => b.Trim().ToUpperInvariant()).Where(b => b.Length > 0).Distinct().ToList();
}

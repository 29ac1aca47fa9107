namespace Bookpost.Web.Features.People;

/// Names for the demo records of people (readers, attendees): plausible, deterministic from the caller's Random.
public static class DemoNames
{
    /// A Vietnamese person's name for a demo record, drawn from common family, middle and given names.
    public static (string Name, Sex Sex) Person(Random random)
    {
        string[] families =
            ["Nguyễn", "Lê", "Trần", "Phạm", "Hoàng", "Lò", "Hà", "Cầm", "Vi", "Đỗ", "Bùi", "Trịnh", "Lê", "Mai"];
        // None of the given names of the demo point's own readers, attendees and trainer (Mai, Hùng, Sơn, Lan, Bình, Hoa,
        // Hằng): tests find those by name, and the privacy tests look for every reader's name in the audit.
        string[] women = ["Hương", "Thảo", "Nga", "Thúy", "Yến", "Liên", "Dung", "Thơm", "Phương", "Huyền", "Trang", "Ngọc"];
        string[] men = ["Dũng", "Tuấn", "Quang", "Hải", "Long", "Thắng", "Cường", "Toàn", "Khánh", "Đức", "Minh", "Tùng"];
        var female = random.Next(2) == 0;
        var family = families[random.Next(families.Length)];
        return female
            ? ($"{family} Thị {women[random.Next(women.Length)]}", Sex.Female)
            : ($"{family} {(random.Next(3) == 0 ? "Đình" : "Văn")} {men[random.Next(men.Length)]}", Sex.Male);
    }
}

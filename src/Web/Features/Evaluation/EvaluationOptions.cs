using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Features.Evaluation;

/// Settings of the department's evaluation work (section "Evaluation").
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// Days after a period's last day within which a return counts as on time. Decree 09/2019/NĐ-CP closes a month on
    /// the 14th; by default a return is due the day after (the 15th).
    [Range(0, 60)]
    public int ReturnDeadlineDays { get; set; } = 1;
}

using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Infrastructure.Privacy;

/// How long personal data is kept (Personal Data Protection Law, in force since 1 January 2026; Decree 13/2023).
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// A reader with no activity (loan, return, renewal, edit) for this many years is anonymised.
    [Range(1, 50)]
    public int ReaderRetentionYears { get; set; } = 3;

    /// A training class's attendee list older than this many years is anonymised (the counts stay).
    [Range(1, 50)]
    public int AttendeeRetentionYears { get; set; } = 5;
}

/// Marks a property that identifies a person or tells something about them (name, card number, phone, village,
/// birth year, ethnicity, poverty). Only the point that serves the person and Admin see it: the audit masks it for
/// everyone else, and erasure or retention clears it.
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute : Attribute;

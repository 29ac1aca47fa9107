using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Catalog;

/// A validated ISBN-13 of a title; a title can carry several (hardback, paperback, set).
public sealed class TitleIsbn
{
    public int Id { get; set; }
    public int TitleId { get; set; }
    public string Isbn { get; set; } = "";
}

public sealed class TitleIsbnConfiguration : IEntityTypeConfiguration<TitleIsbn>
{
    public void Configure(EntityTypeBuilder<TitleIsbn> b)
    {
        b.Property(i => i.Isbn).HasMaxLength(13);
        b.HasIndex(i => i.Isbn);
        b.HasIndex(i => new { i.TitleId, i.Isbn }).IsUnique();
    }
}

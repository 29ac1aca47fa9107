using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HoldOnePerNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PointHolds_OnePerNumber",
                table: "PointHolds",
                columns: new[] { "ServicePointId", "TitleId", "Phone" },
                unique: true,
                filter: "\"Phone\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PointHolds_OnePerNumber",
                table: "PointHolds");
        }
    }
}

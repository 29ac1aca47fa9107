using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TwoTierMap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AreaKm2",
                table: "AdminUnits",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "AdminUnits",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "AdminUnits",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PointCommunes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServicePointId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NeedsReview = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointCommunes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointCommunes_ServicePoints_ServicePointId",
                        column: x => x.ServicePointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PointCommunes_CommuneCode_ValidFrom",
                table: "PointCommunes",
                columns: new[] { "CommuneCode", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_PointCommunes_NeedsReview",
                table: "PointCommunes",
                column: "NeedsReview");

            migrationBuilder.CreateIndex(
                name: "IX_PointCommunes_ServicePointId_ValidFrom",
                table: "PointCommunes",
                columns: new[] { "ServicePointId", "ValidFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PointCommunes");

            migrationBuilder.DropColumn(
                name: "AreaKm2",
                table: "AdminUnits");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "AdminUnits");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "AdminUnits");
        }
    }
}

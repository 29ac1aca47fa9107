using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bookpost.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "AdminUnits",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "AdminUnits",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PointCommunes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ServicePointId = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    NeedsReview = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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

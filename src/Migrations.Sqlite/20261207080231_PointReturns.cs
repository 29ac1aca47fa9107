using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PointReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PointReturns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PointId = table.Column<int>(type: "INTEGER", nullable: false),
                    Form = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointReturns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointReturns_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReturnFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReturnId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Breakdown = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnFigures_PointReturns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "PointReturns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PointReturns_Form_Year_Number_Status",
                table: "PointReturns",
                columns: new[] { "Form", "Year", "Number", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PointReturns_PointId_Form_Year_Number_Revision",
                table: "PointReturns",
                columns: new[] { "PointId", "Form", "Year", "Number", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PointReturns_Status_PeriodFrom_PeriodTo",
                table: "PointReturns",
                columns: new[] { "Status", "PeriodFrom", "PeriodTo" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnFigures_ReturnId_Code_Breakdown",
                table: "ReturnFigures",
                columns: new[] { "ReturnId", "Code", "Breakdown" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReturnFigures");

            migrationBuilder.DropTable(
                name: "PointReturns");
        }
    }
}

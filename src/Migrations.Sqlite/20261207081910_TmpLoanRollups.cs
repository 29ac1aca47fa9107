using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TmpLoanRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LoanDays",
                columns: table => new
                {
                    PointId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LoansFemale = table.Column<int>(type: "INTEGER", nullable: false),
                    LoansMale = table.Column<int>(type: "INTEGER", nullable: false),
                    LoansUnknown = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnsFemale = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnsMale = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnsUnknown = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoanDays", x => new { x.PointId, x.Day });
                    table.ForeignKey(
                        name: "FK_LoanDays_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LoanMonths",
                columns: table => new
                {
                    PointId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LoansFemale = table.Column<int>(type: "INTEGER", nullable: false),
                    LoansMale = table.Column<int>(type: "INTEGER", nullable: false),
                    LoansUnknown = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnsFemale = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnsMale = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnsUnknown = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoanMonths", x => new { x.PointId, x.From });
                    table.ForeignKey(
                        name: "FK_LoanMonths_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoanDays_Day",
                table: "LoanDays",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_LoanMonths_From",
                table: "LoanMonths",
                column: "From");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoanDays");

            migrationBuilder.DropTable(
                name: "LoanMonths");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evaluation : Migration
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

            migrationBuilder.CreateTable(
                name: "ReportDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Template = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PeriodKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PeriodYear = table.Column<int>(type: "INTEGER", nullable: true),
                    PeriodNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ScopeArea = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ScopeAreaCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DocumentNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DocumentDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SignerTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SignsForHead = table.Column<bool>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IssuerSuperior = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IssuerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IssuerCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FrozenFigures = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDocumentSections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDocumentSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportDocumentSections_ReportDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "ReportDocuments",
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

            migrationBuilder.CreateIndex(
                name: "IX_ReportDocuments_ScopeArea_ScopeAreaCode_Status",
                table: "ReportDocuments",
                columns: new[] { "ScopeArea", "ScopeAreaCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDocumentSections_DocumentId_Key",
                table: "ReportDocumentSections",
                columns: new[] { "DocumentId", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoanDays");

            migrationBuilder.DropTable(
                name: "LoanMonths");

            migrationBuilder.DropTable(
                name: "ReportDocumentSections");

            migrationBuilder.DropTable(
                name: "ReportDocuments");
        }
    }
}

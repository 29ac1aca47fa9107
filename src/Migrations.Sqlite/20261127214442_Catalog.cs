using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LibraryId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemSource = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Copies = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TotalBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    LastOrdinal = table.Column<long>(type: "INTEGER", nullable: false),
                    Imported = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemsCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    Warnings = table.Column<int>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Titles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ControlNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TitleProper = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Subtitle = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Responsibility = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Authors = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Pages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Ddc = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Subjects = table.Column<string>(type: "TEXT", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", nullable: true),
                    Marc = table.Column<byte[]>(type: "BLOB", nullable: true),
                    TitleWords = table.Column<string>(type: "TEXT", nullable: false),
                    SortKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AuthorWords = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectWords = table.Column<string>(type: "TEXT", nullable: false),
                    SearchWords = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Titles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportIssues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<long>(type: "INTEGER", nullable: false),
                    Offset = table.Column<long>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<bool>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportIssues_ImportJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ImportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Items",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Barcode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TitleId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CallNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcquiredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Price = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Items_ServicePoints_LocationId",
                        column: x => x.LocationId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Items_ServicePoints_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Items_Titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "Titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TitleIsbns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TitleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Isbn = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TitleIsbns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TitleIsbns_Titles_TitleId",
                        column: x => x.TitleId,
                        principalTable: "Titles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportIssues_JobId_Ordinal",
                table: "ImportIssues",
                columns: new[] { "JobId", "Ordinal" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_Status",
                table: "ImportJobs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Items_Barcode",
                table: "Items",
                column: "Barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Items_LocationId_Status",
                table: "Items",
                columns: new[] { "LocationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OwnerId_Status",
                table: "Items",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_TitleId",
                table: "Items",
                column: "TitleId");

            migrationBuilder.CreateIndex(
                name: "IX_TitleIsbns_Isbn",
                table: "TitleIsbns",
                column: "Isbn");

            migrationBuilder.CreateIndex(
                name: "IX_TitleIsbns_TitleId_Isbn",
                table: "TitleIsbns",
                columns: new[] { "TitleId", "Isbn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Titles_ControlNumber",
                table: "Titles",
                column: "ControlNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Ddc",
                table: "Titles",
                column: "Ddc");

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Language",
                table: "Titles",
                column: "Language");

            migrationBuilder.CreateIndex(
                name: "IX_Titles_SortKey_Id",
                table: "Titles",
                columns: new[] { "SortKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Titles_Year",
                table: "Titles",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportIssues");

            migrationBuilder.DropTable(
                name: "Items");

            migrationBuilder.DropTable(
                name: "TitleIsbns");

            migrationBuilder.DropTable(
                name: "ImportJobs");

            migrationBuilder.DropTable(
                name: "Titles");
        }
    }
}

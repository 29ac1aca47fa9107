using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bookpost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Circulation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Location",
                table: "IdempotencyRecords",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LoanRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PointId = table.Column<int>(type: "INTEGER", nullable: true),
                    LoanDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxItems = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxRenewals = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedDays = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoanRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoanRules_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Periodicals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PointId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CopiesExpected = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Periodicals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Periodicals_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Readers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PointId = table.Column<int>(type: "INTEGER", nullable: false),
                    CardNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EthnicMinority = table.Column<bool>(type: "INTEGER", nullable: false),
                    PoorHousehold = table.Column<bool>(type: "INTEGER", nullable: false),
                    Village = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ConsentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Readers_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TallyEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PointId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Delta = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TallyEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TallyEvents_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Transfers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromPointId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToPointId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transfers_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_ServicePoints_FromPointId",
                        column: x => x.FromPointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_ServicePoints_ToPointId",
                        column: x => x.ToPointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PeriodicalReceipts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodicalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Issue = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Copies = table.Column<int>(type: "INTEGER", nullable: false),
                    Readings = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodicalReceipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeriodicalReceipts_Periodicals_PeriodicalId",
                        column: x => x.PeriodicalId,
                        principalTable: "Periodicals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Loans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReaderId = table.Column<int>(type: "INTEGER", nullable: false),
                    PointId = table.Column<int>(type: "INTEGER", nullable: false),
                    LentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Renewals = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnedAtPointId = table.Column<int>(type: "INTEGER", nullable: true),
                    LentBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReturnedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Loans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Loans_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Loans_Readers_ReaderId",
                        column: x => x.ReaderId,
                        principalTable: "Readers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Loans_ServicePoints_PointId",
                        column: x => x.PointId,
                        principalTable: "ServicePoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoanRules_PointId",
                table: "LoanRules",
                column: "PointId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Loans_PointId_DueOn",
                table: "Loans",
                columns: new[] { "PointId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Loans_PointId_LentAt",
                table: "Loans",
                columns: new[] { "PointId", "LentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Loans_ReaderId_ReturnedAt",
                table: "Loans",
                columns: new[] { "ReaderId", "ReturnedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Loans_ReturnedAt",
                table: "Loans",
                column: "ReturnedAt");

            migrationBuilder.CreateIndex(
                name: "UX_Loans_OpenPerItem",
                table: "Loans",
                column: "ItemId",
                unique: true,
                filter: "\"ReturnedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodicalReceipts_PeriodicalId_Day",
                table: "PeriodicalReceipts",
                columns: new[] { "PeriodicalId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Periodicals_PointId_Title",
                table: "Periodicals",
                columns: new[] { "PointId", "Title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Readers_CardNumber",
                table: "Readers",
                column: "CardNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Readers_PointId_RegisteredOn",
                table: "Readers",
                columns: new[] { "PointId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TallyEvents_PointId_Day",
                table: "TallyEvents",
                columns: new[] { "PointId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromPointId_Status",
                table: "Transfers",
                columns: new[] { "FromPointId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ItemId",
                table: "Transfers",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToPointId_Status",
                table: "Transfers",
                columns: new[] { "ToPointId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoanRules");

            migrationBuilder.DropTable(
                name: "Loans");

            migrationBuilder.DropTable(
                name: "PeriodicalReceipts");

            migrationBuilder.DropTable(
                name: "TallyEvents");

            migrationBuilder.DropTable(
                name: "Transfers");

            migrationBuilder.DropTable(
                name: "Readers");

            migrationBuilder.DropTable(
                name: "Periodicals");

            migrationBuilder.DropColumn(
                name: "Location",
                table: "IdempotencyRecords");
        }
    }
}
